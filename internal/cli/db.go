package cli

import (
	"errors"
	"fmt"
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"gongkai/internal/app"
	"gongkai/internal/apperr"
)

// config is the configuration every command starts from: the defaults overridden by the
// GONGKAI_* environment (read in one place, app.Config.FromEnv); flags override it.
func config() app.Config {
	cfg := app.Default()
	cfg.FromEnv(os.Getenv)
	return cfg
}

// addDBFlag adds --db to a command (default: $GONGKAI_DB or ./gongkai.db).
func addDBFlag(c *cobra.Command) *string {
	return c.Flags().String("db", config().DB, "数据库：SQLite 文件路径或 postgres:// 地址（环境变量 GONGKAI_DB）")
}

// openApp opens the App on the database dsn for a command that does not serve: the same
// wiring as `serve` (app.Open), without demo data.
func openApp(c *cobra.Command, dsn string) (*app.App, error) {
	cfg := config()
	cfg.DB = dsn
	cfg.Demo = app.DemoOff
	a, err := app.Open(c.Context(), cfg, logger(c))
	if err != nil {
		return nil, withExit(apperr.ExitFailure, err)
	}
	return a, nil
}

// fail is the exit of a command refused or failed with err: the exit code of its apperr
// code (apperr.ExitCode: 2 for bad input, 1 otherwise) and its message for the terminal.
func fail(err error) error {
	if err == nil {
		return nil
	}
	return withExit(apperr.ExitCode(err), errors.New(msg(err)))
}

// logger is the structured logger of the command line: text on stderr.
func logger(c *cobra.Command) *slog.Logger {
	return slog.New(slog.NewTextHandler(c.ErrOrStderr(), &slog.HandlerOptions{Level: slog.LevelInfo}))
}

func printf(c *cobra.Command, format string, args ...any) {
	fmt.Fprintf(c.OutOrStdout(), format, args...)
}

// msg is the message of err for the terminal: the Chinese user message of an apperr, the
// error text otherwise.
func msg(err error) string {
	var e *apperr.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}
