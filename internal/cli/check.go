package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/reader"
	"gongkai/internal/annualreport/workbook"
	"gongkai/internal/textcheck"
)

func newCheckCmd() *cobra.Command {
	var asJSON, asCSV bool
	var xlsxPath string
	c := &cobra.Command{
		Use:   "check [--json|--csv] [--xlsx FILE] PATH|URL...",
		Short: "读取并核对已发布的政府信息公开工作年度报告",
		Long: "读取政府信息公开工作年度报告（纯文本、HTML、Markdown、Word .docx/.doc、Excel .xlsx、PDF；UTF-8、GBK或Big5；繁体自动转换），\n" +
			"识别机关、年度、格式（2021、2019、legacy、narrative）和各表格单元格，按勾稽关系核对，\n" +
			"同一机关相邻两个年度的报告还核对跨年度关系。PATH 可以是文件或文件夹（递归读取 " + strings.Join(reader.Extensions, " ") + "）；\n" +
			"URL 为 http(s) 网址：下载该页面及其链接的报告文件（PDF、Word），每次下载限时30秒、限64MB，同一网站每秒至多一次请求。\n" +
			"退出码：0 全部读取且一致；1 有发现的问题；2 用法错误。",
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if asJSON && asCSV {
				return usageError("--json 与 --csv 只能选择一个")
			}
			var paths, urls []string
			for _, a := range args {
				if isURL(a) {
					urls = append(urls, a)
				} else {
					paths = append(paths, a)
				}
			}
			var reports []*ar.Report
			if len(paths) > 0 || len(urls) == 0 {
				files, err := collectReportFiles(paths, xlsxPath)
				if err != nil {
					return err
				}
				reports = readReports(files, c.ErrOrStderr())
			}
			if len(urls) > 0 {
				f := newFetcher()
				for _, u := range urls {
					reports = append(reports, f.readURL(c.Context(), u)...)
				}
			}
			crossYear(reports)
			out := c.OutOrStdout()
			var err error
			switch {
			case asJSON:
				err = writeReportsJSON(out, reports)
			case asCSV:
				err = writeReportsCSV(out, reports)
			default:
				err = writeReportsText(out, reports)
			}
			if err != nil {
				return fmt.Errorf("写出结果失败：%w", err)
			}
			if xlsxPath != "" {
				data, err := workbook.Write(reports)
				if err == nil {
					err = os.WriteFile(xlsxPath, data, 0o644)
				}
				if err != nil {
					return fmt.Errorf("写出 Excel 文件 %s 失败：%w", xlsxPath, err)
				}
			}
			for _, r := range reports {
				if len(r.Findings) > 0 {
					return withExit(1, nil)
				}
			}
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "以JSON输出每份报告（file、agency、year、format、sections、cells、findings）；一份报告为一个对象，多份为数组")
	c.Flags().BoolVar(&asCSV, "csv", false, "以CSV输出，每个单元格一行（file、agency、year、cell、value、how；how 非空表示该数字按勾稽关系推断：sum 为按各项之和拆分或定位，form-order 为按法定格式的列顺序）")
	c.Flags().StringVar(&xlsxPath, "xlsx", "", "另将全部报告写入 Excel 文件：每份报告一行、每个单元格一列，另有“问题”工作表")
	return c
}

// collectReportFiles expands the paths: files as given, folders recursively, less the
// workbook --xlsx writes (an .xlsx in a folder is read as a report, but not this one).
func collectReportFiles(args []string, output string) ([]string, error) {
	var files []string
	out := ""
	if output != "" {
		out, _ = filepath.Abs(output)
	}
	for _, p := range args {
		st, err := os.Stat(p)
		if err != nil {
			return nil, usageError("无法访问路径 %s：%v", p, err)
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				// An unreadable sub-folder is reported as a file finding, not a crash.
				found = append(found, path)
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() && reader.Supported(path) {
				if abs, _ := filepath.Abs(path); out != "" && abs == out {
					return nil
				}
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, usageError("无法读取文件夹 %s：%v", p, err)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	if len(files) == 0 {
		return nil, usageError("未找到报告文件（%s）", strings.Join(reader.Extensions, " "))
	}
	return files, nil
}

// readReports reads every file on all cores, in input order.
func readReports(files []string, stderr io.Writer) []*ar.Report {
	reports := make([]*ar.Report, len(files))
	var bar *progressbar.ProgressBar
	if f, ok := stderr.(*os.File); ok && len(files) >= 50 && term.IsTerminal(int(f.Fd())) {
		bar = progressbar.NewOptions(len(files),
			progressbar.OptionSetWriter(f),
			progressbar.OptionSetDescription("读取年度报告"),
			progressbar.OptionShowCount(),
			progressbar.OptionThrottle(100_000_000),
			progressbar.OptionClearOnFinish(),
		)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				reports[i] = readOne(files[i])
				if bar != nil {
					_ = bar.Add(1)
				}
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if bar != nil {
		_ = bar.Finish()
	}
	return reports
}

func readOne(path string) *ar.Report {
	data, err := os.ReadFile(path)
	if err != nil {
		return &ar.Report{File: path, Format: ar.FormatNarrative, Cells: ar.Cells{},
			Findings: []ar.Finding{{Rule: ar.RuleUnreadable, Message: "无法读取文件：" + err.Error()}}}
	}
	return reader.Read(path, data)
}

// crossYear applies the cross-year rules to reports of the same agency for
// consecutive years; the findings go to the later report.
func crossYear(reports []*ar.Report) {
	byAgency := map[string][]*ar.Report{}
	for _, r := range reports {
		if r.Agency != "" && r.Year != 0 {
			byAgency[r.Agency] = append(byAgency[r.Agency], r)
		}
	}
	for _, rs := range byAgency {
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].Year < rs[j].Year })
		for i := 1; i < len(rs); i++ {
			if rs[i].Year == rs[i-1].Year+1 {
				rs[i].Findings = append(rs[i].Findings, ar.CheckYears(rs[i-1], rs[i])...)
			}
		}
	}
}

// writeReportsJSON writes one report as one JSON object (the shape of the example in
// shared/report-cells.json), several as an array of them.
func writeReportsJSON(w io.Writer, reports []*ar.Report) error {
	if len(reports) == 1 {
		b, err := json.MarshalIndent(reports[0], "", "  ")
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	}
	if _, err := io.WriteString(w, "[\n"); err != nil {
		return err
	}
	for i, r := range reports {
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		if i > 0 {
			if _, err := io.WriteString(w, ",\n"); err != nil {
				return err
			}
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "\n]\n")
	return err
}

func writeReportsCSV(w io.Writer, reports []*ar.Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"file", "agency", "year", "cell", "value", "how"}); err != nil {
		return err
	}
	for _, r := range reports {
		year := ""
		if r.Year != 0 {
			year = strconv.Itoa(r.Year)
		}
		for _, id := range r.Cells.Sorted(r.Format) {
			val := ""
			if v, ok := r.Cells.Get(id); ok {
				val = ar.FormatNumber(v)
			}
			if err := cw.Write([]string{r.File, r.Agency, year, id, val, r.How[id]}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeReportsText(w io.Writer, reports []*ar.Report) error {
	var withFindings int
	for _, r := range reports {
		filled, blank := 0, 0
		for _, v := range r.Cells {
			if v == nil {
				blank++
			} else {
				filled++
			}
		}
		agency, year := r.Agency, "未识别"
		if agency == "" {
			agency = "未识别"
		}
		if r.Year != 0 {
			year = strconv.Itoa(r.Year)
		}
		// Names and messages come from the files: no terminal escape reaches the terminal.
		if _, err := fmt.Fprintf(w, "%s\n  机关：%s  年度：%s  格式：%s  单元格：%d个有数字，%d个为空\n",
			textcheck.Clean(r.File, textcheck.Line), textcheck.Clean(agency, textcheck.Line), year, r.Format.Label(), filled, blank); err != nil {
			return err
		}
		if len(r.Findings) == 0 {
			fmt.Fprintln(w, "  未发现问题")
			continue
		}
		withFindings++
		for _, f := range r.Findings {
			cell := ""
			if f.Cell != "" {
				cell = " " + f.Cell
			}
			if _, err := fmt.Fprintf(w, "  [%s]%s %s\n", f.Rule, cell, textcheck.Clean(f.Message, textcheck.Line)); err != nil {
				return err
			}
		}
	}
	_, err := fmt.Fprintf(w, "共%d份报告，%d份有发现的问题\n", len(reports), withFindings)
	return err
}
