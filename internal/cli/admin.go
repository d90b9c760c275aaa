package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"gongkai/internal/account"
	"gongkai/internal/agency"
)

func newUserCmd() *cobra.Command {
	c := &cobra.Command{Use: "user", Short: "管理用户"}
	var dsn *string
	var agencyName, name, roles, password, email string
	add := &cobra.Command{
		Use:   "add USERNAME",
		Short: "新增用户",
		Long:  "新增用户。角色可选：经办人(clerk)、审核人(reviewer)、负责人(head)、机关管理员(agency_admin)、政务公开办(open_office)、系统管理员(sysadmin)，多个用逗号分隔。\n密码取自 --password、环境变量 GONGKAI_PASSWORD，或在终端中输入。",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			rs, err := account.ParseRoles(roles)
			if err != nil {
				return usageError("%s", msg(err))
			}
			if agencyName == "" {
				return usageError("请用 --agency 指定机关")
			}
			if password == "" {
				password = os.Getenv("GONGKAI_PASSWORD")
			}
			if password == "" {
				if !term.IsTerminal(int(os.Stdin.Fd())) {
					return usageError("请用 --password 或环境变量 GONGKAI_PASSWORD 给出密码")
				}
				fmt.Fprint(c.ErrOrStderr(), "密码：")
				b, err := term.ReadPassword(int(os.Stdin.Fd()))
				fmt.Fprintln(c.ErrOrStderr())
				if err != nil {
					return withExit(1, err)
				}
				password = string(b)
			}
			// The password rule before anything is opened.
			if err := account.CheckPolicy(args[0], password); err != nil {
				return fail(err)
			}
			a, err := openApp(c, *dsn)
			if err != nil {
				return err
			}
			defer a.Close()
			hash, err := a.DB.Users().HashNewPassword(ctx, args[0], password)
			if err != nil {
				return fail(err)
			}
			u := account.User{Username: args[0], DisplayName: name, Roles: rs, PasswordHash: hash, Email: email}
			if u.DisplayName == "" {
				u.DisplayName = u.Username
			}
			if err := a.DB.Users().CreateIn(ctx, account.System(), agencyName, &u); err != nil {
				return fail(err)
			}
			printf(c, "已新增用户 %s（编号 %d）\n", u.Username, u.ID)
			return nil
		},
	}
	dsn = addDBFlag(add)
	add.Flags().StringVar(&agencyName, "agency", "", "所属机关全称（必填）")
	add.Flags().StringVar(&name, "name", "", "姓名")
	add.Flags().StringVar(&roles, "roles", "clerk", "角色，逗号分隔")
	add.Flags().StringVar(&password, "password", "", "初始密码（至少 10 位，不能是常见密码或用户名）")
	add.Flags().StringVar(&email, "email", "", "电子邮箱")
	c.AddCommand(add)
	return c
}

func newAgencyCmd() *cobra.Command {
	c := &cobra.Command{Use: "agency", Short: "管理机关"}
	var dsn *string
	var a agency.Agency
	var government string
	add := &cobra.Command{
		Use:   "add NAME",
		Short: "新增机关（所属人民政府不存在时一并创建）",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			if strings.TrimSpace(government) == "" {
				return usageError("请用 --government 指定人民政府")
			}
			app, err := openApp(c, *dsn)
			if err != nil {
				return err
			}
			defer app.Close()
			a.Name = args[0]
			if err := app.DB.Agencies().CreateIn(ctx, account.System(), government, &a); err != nil {
				return fail(err)
			}
			printf(c, "已新增机关 %s（编号 %d）\n", a.Name, a.ID)
			return nil
		},
	}
	dsn = addDBFlag(add)
	add.Flags().StringVar(&government, "government", "", "所属人民政府，如 某某区人民政府（必填）")
	add.Flags().StringVar(&a.CreditCode, "credit-code", "", "统一社会信用代码")
	add.Flags().StringVar(&a.ShortName, "short-name", "", "简称")
	add.Flags().StringVar(&a.OfficeAddress, "address", "", "政府信息公开工作机构地址")
	add.Flags().StringVar(&a.OfficePhone, "phone", "", "联系电话")
	add.Flags().StringVar(&a.OfficeHours, "hours", "", "办公时间")
	add.Flags().StringVar(&a.OfficeEmail, "email", "", "电子邮箱")
	c.AddCommand(add)
	return c
}
