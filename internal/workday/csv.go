package workday

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"gongkai/internal/apperr"
	"gongkai/internal/textcheck"
)

// LineError is one problem of an overrides CSV file, with its 1-based line number.
type LineError struct {
	Line    int
	Message string // Chinese
}

func (e LineError) Error() string { return fmt.Sprintf("第%d行：%s", e.Line, e.Message) }

// maxOverrideLines bounds the records read from one file; a calendar file has a few dozen.
const maxOverrideLines = 10000

// ParseOverridesCSV reads administrator overrides from CSV text with the columns
// date,working,reason: the date as ParseDay accepts it, working as 1/0, 上班/休息 (also
// 工作日/休息日, 是/否, true/false), and a non-empty reason. A header line, blank lines,
// lines starting with # and a UTF-8 byte order mark are tolerated. Every bad line is
// reported; the good lines are returned all the same. A day given twice is an error on
// the second line.
func ParseOverridesCSV(data []byte) ([]Override, []LineError) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		// Spreadsheets in China often save CSV as GBK: say so rather than show mojibake.
		line := 1
		for len(data) > 0 {
			r, size := utf8.DecodeRune(data)
			if r == utf8.RuneError && size <= 1 {
				break
			}
			if r == '\n' {
				line++
			}
			data = data[size:]
		}
		return nil, []LineError{{Line: line, Message: "文件不是 UTF-8 编码（可能是 GBK），请在表格软件中另存为“CSV UTF-8”后重新上传"}}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.TrimLeadingSpace = true
	r.Comment = '#'
	r.ReuseRecord = true

	var out []Override
	var errs []LineError
	seen := make(map[int64]int)
	first := true
	for records := 0; ; records++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				errs = append(errs, LineError{Line: pe.Line, Message: "CSV 格式错误（引号不匹配或字段格式有误）"})
			} else {
				errs = append(errs, LineError{Line: line, Message: "无法读取：" + err.Error()})
			}
			break
		}
		if records >= maxOverrideLines {
			errs = append(errs, LineError{Line: line, Message: fmt.Sprintf("记录过多，最多 %d 行", maxOverrideLines)})
			break
		}
		isFirst := first
		first = false
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if isFirst && isHeader(rec) {
			continue
		}
		if len(rec) < 3 {
			errs = append(errs, LineError{Line: line, Message: fmt.Sprintf("应有 3 列（日期,是否上班,原因），实际 %d 列", len(rec))})
			continue
		}
		if len(rec) > 3 {
			errs = append(errs, LineError{Line: line, Message: fmt.Sprintf("应有 3 列（日期,是否上班,原因），实际 %d 列；原因中含逗号时请用英文双引号括起", len(rec))})
			continue
		}
		day, err := ParseDay(strings.TrimSpace(rec[0]))
		if err != nil {
			errs = append(errs, LineError{Line: line, Message: apperr.MessageOf(err)})
			continue
		}
		working, ok := parseWorking(rec[1])
		if !ok {
			errs = append(errs, LineError{Line: line, Message: fmt.Sprintf("第二列“%s”应为 1（上班）或 0（休息）", clip(strings.TrimSpace(rec[1])))})
			continue
		}
		reason := strings.TrimSpace(rec[2])
		if reason == "" {
			errs = append(errs, LineError{Line: line, Message: "原因不能为空"})
			continue
		}
		if p := reasonRule.Check(reason); p != nil {
			errs = append(errs, LineError{Line: line, Message: p.Error()})
			continue
		}
		k := dayNumber(day)
		if prev, dup := seen[k]; dup {
			errs = append(errs, LineError{Line: line, Message: fmt.Sprintf("%s 已在第%d行设定", Format(day), prev)})
			continue
		}
		seen[k] = line
		out = append(out, Override{Day: day, Working: working, Reason: reason})
	}
	return out, errs
}

// reasonRule is the boundary rule of the reason column (textcheck: no control characters).
var reasonRule = textcheck.LineOf("原因", 100)

// JoinLineErrors turns line errors into one error (nil when there are none).
func JoinLineErrors(errs []LineError) error {
	if len(errs) == 0 {
		return nil
	}
	list := make([]error, len(errs))
	for i, e := range errs {
		list[i] = e
	}
	return errors.Join(list...)
}

func isHeader(rec []string) bool {
	f := strings.ToLower(strings.TrimSpace(rec[0]))
	return f == "date" || f == "day" || f == "日期"
}

func parseWorking(s string) (working, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "上班", "工作", "工作日", "是", "true", "yes", "y":
		return true, true
	case "0", "休息", "休息日", "放假", "否", "false", "no", "n":
		return false, true
	}
	return false, false
}
