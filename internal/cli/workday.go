package cli

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"gongkai/internal/account"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

func newWorkdayCmd() *cobra.Command {
	c := &cobra.Command{Use: "workday", Short: "工作日计算（法定节假日、调休及本地设置）"}
	var dsnAdd, dsnCount *string
	add := &cobra.Command{
		Use:   "add DATE N",
		Short: "输出 DATE 之后第 N 个工作日（DATE 当日不计算在内）",
		Args:  cobra.ExactArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			day, err := workday.ParseDay(args[0])
			if err != nil {
				return usageError("%s", msg(err))
			}
			n, err := strconv.Atoi(args[1])
			if err != nil || n < 0 || n > 3650 {
				return usageError("N 应为0到3650之间的整数（工作日数）")
			}
			cal, err := loadCalendar(c, *dsnAdd)
			if err != nil {
				return err
			}
			warnUncovered(c, day)
			printf(c, "%s\n", workday.Format(cal.Add(day, n)))
			return nil
		},
	}
	dsnAdd = addDBFlag(add)
	count := &cobra.Command{
		Use:   "count FROM TO",
		Short: "输出 FROM 之后至 TO（含）的工作日数",
		Args:  cobra.ExactArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			from, err := workday.ParseDay(args[0])
			if err != nil {
				return usageError("%s", msg(err))
			}
			to, err := workday.ParseDay(args[1])
			if err != nil {
				return usageError("%s", msg(err))
			}
			cal, err := loadCalendar(c, *dsnCount)
			if err != nil {
				return err
			}
			warnUncovered(c, from)
			warnUncovered(c, to)
			printf(c, "%d\n", cal.Count(from, to))
			return nil
		},
	}
	dsnCount = addDBFlag(count)
	c.AddCommand(add, count)
	return c
}

// loadCalendar reads the overrides from --db. A missing SQLite file is not created: the
// statutory calendar alone is used.
func loadCalendar(c *cobra.Command, dsn string) (*workday.Calendar, error) {
	if !store.IsPostgresDSN(dsn) {
		if _, err := os.Stat(dsn); os.IsNotExist(err) {
			return workday.New(nil)
		}
	}
	a, err := openApp(c, dsn)
	if err != nil {
		return nil, err
	}
	defer a.Close()
	cal, err := a.DB.Workdays().Calendar(c.Context())
	if err != nil {
		return nil, fail(err)
	}
	return cal, nil
}

func warnUncovered(c *cobra.Command, day time.Time) {
	if !workday.Covers(day) {
		first, last := workday.CoveredYears()
		fmt.Fprintf(c.ErrOrStderr(), "注意：%d 年的法定节假日安排尚未收录（已收录 %d—%d 年），仅按周末和本地设置计算；请在“工作日设置”中补充。\n", day.Year(), first, last)
	}
}

func newCalendarCmd() *cobra.Command {
	c := &cobra.Command{Use: "calendar", Short: "工作日历的本地设置"}
	var dsn *string
	imp := &cobra.Command{
		Use:   "import FILE",
		Short: "从 CSV 导入本地设置（列：日期,是否上班(上班/休息),原因），全部无误才导入",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			data, err := os.ReadFile(args[0])
			if err != nil {
				return withExit(1, err)
			}
			ovs, lineErrs := workday.ParseOverridesCSV(data)
			if len(lineErrs) > 0 {
				for _, le := range lineErrs {
					fmt.Fprintln(c.ErrOrStderr(), le.Error())
				}
				return withExit(1, fmt.Errorf("%s 有%d行无效，未导入任何内容", args[0], len(lineErrs)))
			}
			a, err := openApp(c, *dsn)
			if err != nil {
				return err
			}
			defer a.Close()
			ch, err := a.DB.Workdays().Change(c.Context(), account.System(), ovs)
			if err != nil {
				return fail(err)
			}
			printf(c, "已导入 %d 条本地设置；%d 件在办申请的答复期限随之调整。\n", len(ovs), ch.Moved)
			return nil
		},
	}
	dsn = addDBFlag(imp)
	c.AddCommand(imp)
	return c
}
