package cli

import (
	"encoding/base64"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"gongkai/internal/account"
	"gongkai/internal/app"
	"gongkai/internal/auditlog"
	"gongkai/internal/store"
)

func newAuditlogCmd() *cobra.Command {
	c := &cobra.Command{Use: "auditlog", Short: "操作日志：校验、签名检查点"}
	c.AddCommand(newAuditVerifyCmd(), newAuditCheckpointCmd(), newAuditKeygenCmd())
	return c
}

// addAuditKeyFlag adds --key (default: $GONGKAI_AUDIT_KEY).
func addAuditKeyFlag(c *cobra.Command) *string {
	return c.Flags().String("key", os.Getenv("GONGKAI_AUDIT_KEY"), "检查点签名密钥文件（环境变量 GONGKAI_AUDIT_KEY）")
}

func newAuditVerifyCmd() *cobra.Command {
	var dsn, keyPath *string
	var publicKey string
	var saved []string
	c := &cobra.Command{
		Use:   "verify",
		Short: "校验操作日志的哈希链和签名检查点：发现被修改、删除、插入、截断或整体重算的记录时以非零状态退出并指出行号",
		Long: `逐条校验操作日志的哈希链，并与每个签名检查点比对：数据库中保存的检查点、签名服务器上的见证文件
（密钥文件旁的 .witness），以及用 --checkpoints 给出的、从门户“操作日志检查点”页面保存的副本。
检查点的签名用可信公钥核验：--key 给出的签名密钥（或环境变量 GONGKAI_AUDIT_KEY），或 --public-key。
修改某条记录后重算整条哈希链、或连同记录的链头一起删去末尾的记录，都会与此前的检查点不符，
命令指出第一条不再相符的记录。`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			var trust store.AuditTrust
			if *keyPath != "" {
				s, err := app.OpenAuditSigner(*keyPath)
				if err != nil {
					return withExit(1, err)
				}
				if trust, err = s.Trust(); err != nil {
					return withExit(1, err)
				}
			}
			if publicKey != "" {
				k, err := auditlog.ParsePublicKey(publicKey)
				if err != nil {
					return usageError("--public-key 无法读取：%v", err)
				}
				trust.Key = k
			}
			for _, f := range saved {
				cps, err := app.ReadCheckpointFile(f, false)
				if err != nil {
					return withExit(1, err)
				}
				trust.Saved = append(trust.Saved, cps...)
			}
			a, err := openApp(c, *dsn)
			if err != nil {
				return err
			}
			defer a.Close()
			v, err := a.DB.AuditLog().VerifyWith(c.Context(), account.System(), trust)
			if err != nil {
				return withExit(1, err)
			}
			if len(v.Problems) > 0 {
				for _, p := range v.Problems {
					fmt.Fprintf(c.OutOrStdout(), "第 %d 条记录：%s\n", p.Seq, p.Reason)
				}
				return withExit(1, fmt.Errorf("操作日志校验未通过：%d处问题，第一处在第%d条", len(v.Problems), v.Problems[0].Seq))
			}
			printf(c, "操作日志完整：共 %d 条记录，哈希链校验通过", v.Rows)
			switch {
			case v.Checkpoints == 0:
				printf(c, "；没有签名检查点可比对（见 README“操作日志检查点”）。\n")
			case v.Trusted:
				printf(c, "，与 %d 个签名检查点相符（签名已用可信公钥核验）。\n", v.Checkpoints)
			default:
				printf(c, "，与 %d 个签名检查点相符；但未提供可信公钥（--key 或 --public-key），只能说明检查点未被改动，不能说明是谁签的。\n", v.Checkpoints)
			}
			return nil
		},
	}
	dsn = addDBFlag(c)
	keyPath = addAuditKeyFlag(c)
	c.Flags().StringVar(&publicKey, "public-key", "", "可信的检查点公钥（base64），不持有签名密钥时使用")
	c.Flags().StringArrayVar(&saved, "checkpoints", nil, "另行保存的检查点文件（门户 /audit/checkpoints.json 的副本或见证文件），可重复")
	return c
}

func newAuditCheckpointCmd() *cobra.Command {
	var dsn, keyPath *string
	c := &cobra.Command{
		Use:   "checkpoint",
		Short: "立即为操作日志的链头签名一个检查点（服务运行时每小时自动签名）",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if *keyPath == "" {
				return usageError("没有签名密钥：请用 --key FILE 或环境变量 GONGKAI_AUDIT_KEY 给出（用 gongkai auditlog keygen FILE 生成）")
			}
			s, err := app.OpenAuditSigner(*keyPath)
			if err != nil {
				return withExit(1, err)
			}
			a, err := openApp(c, *dsn)
			if err != nil {
				return err
			}
			defer a.Close()
			made, err := s.Checkpoint(c.Context(), a.DB, time.Now())
			if err != nil {
				return withExit(1, err)
			}
			if len(made) == 0 {
				printf(c, "操作日志自上一个检查点以来没有新记录，无需签名。\n")
				return nil
			}
			last := made[len(made)-1]
			printf(c, "已签名检查点：至第 %d 条记录，链头 %s，密钥 %s。\n", last.Seq, last.Hash, last.KeyID)
			return nil
		},
	}
	dsn = addDBFlag(c)
	keyPath = addAuditKeyFlag(c)
	return c
}

func newAuditKeygenCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "keygen FILE",
		Short: "生成检查点签名密钥（Ed25519），保存到数据库以外的 FILE（权限 600），并显示公钥",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			pub, err := app.WriteAuditKey(args[0])
			if err != nil {
				return withExit(1, err)
			}
			printf(c, "已生成签名密钥：%s\n公钥（请另行保存，核验时使用）：%s\n密钥编号：%s\n", args[0], base64.StdEncoding.EncodeToString(pub), auditlog.KeyID(pub))
			printf(c, "启动服务时设置 GONGKAI_AUDIT_KEY=%s（或 --audit-key），每小时自动签名检查点。\n", args[0])
			return nil
		},
	}
}
