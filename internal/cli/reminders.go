package cli

import (
	"net/smtp"
	"time"

	"github.com/spf13/cobra"

	"gongkai/internal/app"
)

// timeNow is the clock of the commands that depend on today.
var timeNow = time.Now

func newRemindersCmd() *cobra.Command {
	c := &cobra.Command{Use: "reminders", Short: "答复期限提醒"}
	run := &cobra.Command{
		Use:   "run",
		Short: "运行一次提醒任务：为即将到期和已超期的申请生成站内提醒（配置 GONGKAI_SMTP_ADDR 时同时发送邮件）",
		Args:  cobra.NoArgs,
	}
	dsn := addDBFlag(run)
	run.RunE = func(c *cobra.Command, args []string) error {
		a, err := openApp(c, *dsn)
		if err != nil {
			return err
		}
		defer a.Close()
		res, err := app.RunReminders(c.Context(), a, timeNow(), smtp.SendMail)
		if err != nil {
			return withExit(1, err)
		}
		printf(c, "已更新%d件申请的期限，新建站内提醒%d条（另有督办提醒%d条），发送邮件%d封", res.Refreshed, res.Created, res.Notices, res.Emailed)
		if res.Failed > 0 {
			printf(c, "，%d封发送失败\n", res.Failed)
			return withExit(1, nil)
		}
		printf(c, "\n")
		return nil
	}
	c.AddCommand(run)
	return c
}
