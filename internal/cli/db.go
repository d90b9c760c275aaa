package cli

import (
	"context"
	"errors"
	"fmt"
	"gongkai/internal/apperr"
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"gongkai/internal/app"
	"gongkai/internal/store"
)

// addDBFlag adds --db to a command (default: $GONGKAI_DB or ./gongkai.db).
func addDBFlag(c *cobra.Command) *string {
	def := app.Default().DB
	if v := os.Getenv("GONGKAI_DB"); v != "" {
		def = v
	}
	return c.Flags().String("db", def, "数据库：SQLite 文件路径或 postgres:// 地址（环境变量 GONGKAI_DB）")
}

// openDB opens and migrates the database named by --db, for commands that do not serve.
func openDB(ctx context.Context, dsn string) (*store.DB, error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, withExit(1, err)
	}
	return db, nil
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
