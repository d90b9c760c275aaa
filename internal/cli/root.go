// Package cli holds the gongkai command line: one file per subcommand.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
)

// exitError carries a process exit code through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// withExit returns an error that makes Main exit with code; err may be nil to exit silently.
func withExit(code int, err error) error { return &exitError{code: code, err: err} }

// usageError marks a usage mistake: exit code 2.
func usageError(format string, args ...any) error {
	return withExit(2, fmt.Errorf(format, args...))
}

// Main runs the command line and returns the process exit code:
// 0 success, 1 failure, 2 usage error.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	root := newRootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "gongkai:", ee.err)
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "gongkai:", err)
	if isUsage(err) {
		return 2
	}
	return 1
}

// flagError marks a flag or argument mistake: exit code 2.
type flagError struct{ error }

func isUsage(err error) bool {
	var fe *flagError
	return errors.As(err, &fe) || isUnknownCommand(err)
}

func isUnknownCommand(err error) bool {
	return strings.HasPrefix(err.Error(), "unknown command ")
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "gongkai",
		Short:         "gongkai 政府信息公开工作系统",
		Long:          "gongkai（公开）：主动公开、依申请公开、行政复议诉讼台账与政府信息公开工作年度报告。",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &flagError{fmt.Errorf("%w\n%s", err, c.UsageString())}
	})
	root.AddCommand(commands()...)
	for _, c := range root.Commands() {
		wrapArgs(c)
	}
	return root
}

// wrapArgs turns argument-count errors of every subcommand into usage errors (exit 2).
func wrapArgs(c *cobra.Command) {
	if c.Args != nil {
		check := c.Args
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				return &flagError{fmt.Errorf("%w\n%s", err, cmd.UsageString())}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		wrapArgs(sub)
	}
}

// commands lists every subcommand. Each lives in its own file as newXxxCmd.
func commands() []*cobra.Command {
	return []*cobra.Command{
		newServeCmd(),
		newUserCmd(),
		newAgencyCmd(),
		newAuditlogCmd(),
		newBackupCmd(),
		newWorkdayCmd(),
		newCalendarCmd(),
		newReportCmd(),
		newFeeCmd(),
		newCheckCmd(),
		newApplicationCmd(),
		newRemindersCmd(),
		newCatalogCmd(),
		newDoctorCmd(),
	}
}
