package cli

import (
	"github.com/spf13/cobra"

	"gongkai/internal/app"
	"gongkai/internal/demo"
)

func newServeCmd() *cobra.Command {
	cfg := config()
	var demoFlag bool
	c := &cobra.Command{
		Use:   "serve",
		Short: "启动网站（公开门户与工作台）",
		Long: `启动 gongkai 网站。默认在 127.0.0.1:8080 监听，使用当前目录下的 gongkai.db（SQLite），
首次启动自动建表并载入演示数据；此后每次启动，只要演示账号仍使用公开的演示密码就列出这些账号。
端口被占用时不创建任何东西。PostgreSQL：--db postgres://user@host/dbname。`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			log := logger(c)
			if c.Flags().Changed("demo") {
				cfg.Demo = app.DemoOff
				if demoFlag {
					cfg.Demo = app.DemoOn
				}
			}
			if err := cfg.Validate(); err != nil {
				return withExit(1, err)
			}
			// The port first: a start that cannot serve creates nothing.
			ln, err := app.Listen(cfg.Addr)
			if err != nil {
				return withExit(1, err)
			}
			a, err := app.Open(c.Context(), cfg, log)
			if err != nil {
				ln.Close()
				return withExit(1, err)
			}
			defer a.Close()
			if _, err := a.Web(); err != nil {
				ln.Close()
				return withExit(1, err)
			}
			printf(c, "gongkai 已启动：%s/\n", a.Config.BaseURL)
			printf(c, "工作台登录：%s/console/login\n", a.Config.BaseURL)
			if a.DemoLoaded {
				printf(c, "已载入演示数据。\n")
			}
			accounts, err := a.DemoAccounts(c.Context())
			if err != nil {
				ln.Close()
				return withExit(1, err)
			}
			if len(accounts) > 0 {
				printf(c, "以下演示账号仍使用公开的演示密码 %s，正式使用前请修改密码或停用这些账号：\n", demo.Password)
				log.Warn("demo accounts still have the public demo password: change their passwords or disable them; start a real deployment with --demo=false (GONGKAI_DEMO=0) and create accounts with `gongkai user add`", "accounts", len(accounts))
				for _, acc := range accounts {
					printf(c, "  %-12s %s，%s，%s\n", acc.Username, acc.Name, acc.Agency, acc.Roles)
				}
			}
			log.Info("serving", "addr", ln.Addr().String(), "db_dialect", string(a.DB.Dialect()))
			if err := a.Serve(c.Context(), ln); err != nil {
				return withExit(1, err)
			}
			log.Info("stopped")
			return nil
		},
	}
	c.Flags().StringVar(&cfg.Addr, "addr", cfg.Addr, "监听地址（环境变量 GONGKAI_ADDR）")
	c.Flags().StringVar(&cfg.DB, "db", cfg.DB, "数据库：SQLite 文件路径或 postgres:// 地址（环境变量 GONGKAI_DB）")
	c.Flags().BoolVar(&demoFlag, "demo", cfg.Demo != app.DemoOff, "载入演示数据：默认只在首次启动新建数据库时载入；--demo 也载入已有的空数据库，--demo=false 从不载入（环境变量 GONGKAI_DEMO=1 或 0）")
	c.Flags().StringVar(&cfg.BaseURL, "base-url", cfg.BaseURL, "对外访问地址，用于订阅源和邮件中的链接（环境变量 GONGKAI_BASE_URL）")
	c.Flags().StringVar(&cfg.TrustedProxies, "trusted-proxies", cfg.TrustedProxies, "可信反向代理地址或网段（逗号分隔），据其 X-Forwarded-For 识别访问者（环境变量 GONGKAI_TRUSTED_PROXIES）")
	c.Flags().BoolVar(&cfg.SecureCookie, "secure-cookie", cfg.SecureCookie, "Cookie 仅经 HTTPS 发送（部署在 HTTPS 之后时开启）")
	c.Flags().StringVar(&cfg.SMTPAddr, "smtp-addr", cfg.SMTPAddr, "邮件服务器 host:port，用于期限提醒和发给申请人的通知；不配置时通知须人工送达（环境变量 GONGKAI_SMTP_ADDR）")
	c.Flags().IntVar(&cfg.MailDays, "mail-days", cfg.MailDays, "邮寄送达的通知未记录签收日期时推定的在途天数（自然日，默认5日；环境变量 GONGKAI_MAIL_DAYS）")
	c.Flags().StringVar(&cfg.SMTPFrom, "smtp-from", cfg.SMTPFrom, "发件人，如“清河区卫生健康局 <gongkai@example.gov.cn>”（环境变量 GONGKAI_SMTP_FROM）")
	c.Flags().StringVar(&cfg.SMTPUser, "smtp-user", cfg.SMTPUser, "邮件服务器登录名；密码只从环境变量 GONGKAI_SMTP_PASSWORD 读取（环境变量 GONGKAI_SMTP_USER）")
	c.Flags().StringVar(&cfg.SMTPTLS, "smtp-tls", cfg.SMTPTLS, "加密方式：空（服务器支持时 STARTTLS）、starttls、tls（465端口）、none（环境变量 GONGKAI_SMTP_TLS）")
	c.Flags().StringVar(&cfg.SMSURL, "sms-url", cfg.SMSURL, "短信平台接口地址（POST）；令牌只从环境变量 GONGKAI_SMS_TOKEN 读取（环境变量 GONGKAI_SMS_URL）")
	c.Flags().StringVar(&cfg.SMSTemplate, "sms-template", cfg.SMSTemplate, "短信平台请求体模板（Go text/template，可用 .Phone .Text .ID 和 json、query 函数）（环境变量 GONGKAI_SMS_TEMPLATE）")
	c.Flags().StringVar(&cfg.SMSContentType, "sms-content-type", cfg.SMSContentType, "短信平台请求体类型，默认 application/json（环境变量 GONGKAI_SMS_CONTENT_TYPE）")
	c.Flags().Int64Var(&cfg.MailAttachMax, "mail-attach-max", cfg.MailAttachMax, "一封邮件附件总大小上限（字节），超过时改为带有效期的下载链接（环境变量 GONGKAI_MAIL_ATTACH_MAX）")
	c.Flags().DurationVar(&cfg.LinkTTL, "link-ttl", cfg.LinkTTL, "邮件中下载链接的有效期，如 720h（环境变量 GONGKAI_LINK_TTL）")
	c.Flags().StringVar(&cfg.AuditKey, "audit-key", cfg.AuditKey, "操作日志检查点签名密钥文件，保存在数据库以外（环境变量 GONGKAI_AUDIT_KEY；gongkai auditlog keygen 生成）")
	return c
}
