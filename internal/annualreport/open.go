package annualreport

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/apperr"
)

// Kinds of open case.
const (
	OpenApplication = "application" // 政府信息公开申请: counted as 四、结转下年度
	OpenAppeal      = "appeal"      // 行政复议 or 行政诉讼: counted as 尚未审结
)

// OpenCase is a case of the report's year still open when the report is published: an
// application received by 31 December and not yet closed (table 三 counts it as
// 结转下年度), or a reconsideration or lawsuit accepted by 31 December and not yet
// decided (table 四 counts it as 尚未审结). Publication names them and asks the
// 负责人 to confirm (ConfirmOpen).
type OpenCase struct {
	Kind  string    // OpenApplication or OpenAppeal
	ID    int64     // the application's or appeal's id
	Ref   string    // 申请编号 or 案号 (may be empty for an appeal)
	What  string    // what it is, as people say it: 政府信息公开申请, 行政复议, …
	Since time.Time // received (申请) or accepted (受理)
}

// OpenCases are the open cases of one report, oldest first.
type OpenCases []OpenCase

// Count returns how many are applications and how many appeals.
func (o OpenCases) Count() (applications, appeals int) {
	for _, c := range o {
		if c.Kind == OpenApplication {
			applications++
		} else {
			appeals++
		}
	}
	return
}

// Summary says how many are open: "3件政府信息公开申请和1件行政复议、行政诉讼案件".
func (o OpenCases) Summary() string { return openSummary(o.Count()) }

// Fingerprint names this set of open cases: the value a publication form carries when the
// 负责人 confirms exactly these. Empty when there are none.
func (o OpenCases) Fingerprint() string {
	if len(o) == 0 {
		return ""
	}
	keys := make([]string, len(o))
	for i, c := range o {
		keys[i] = c.Kind + ":" + strconv.FormatInt(c.ID, 10)
	}
	slices.Sort(keys)
	sum := sha256.Sum256([]byte(strings.Join(keys, ",")))
	return hex.EncodeToString(sum[:8])
}

// ConfirmOpen checks that the publisher confirmed the open cases as they are now: nothing
// to confirm when none is open; otherwise confirm must be their Fingerprint (apperr.Conflict
// naming how many are open, or that they changed since the page was shown).
func ConfirmOpen(open OpenCases, confirm string) error {
	if len(open) == 0 {
		return nil
	}
	what := open.Summary()
	switch confirm {
	case open.Fingerprint():
		return nil
	case "":
		return apperr.Newf(apperr.Conflict, "尚有%s未办结，报告将其计为“结转下年度”或“尚未审结”：请核对案件清单并确认后再发布", what)
	}
	return apperr.Newf(apperr.Conflict, "未办结的案件在确认后有变化（现有%s），请重新核对并确认", what)
}

// openSummary is "3件政府信息公开申请和1件行政复议、行政诉讼案件".
func openSummary(apps, appeals int) string {
	var parts []string
	if apps > 0 {
		parts = append(parts, strconv.Itoa(apps)+"件政府信息公开申请")
	}
	if appeals > 0 {
		parts = append(parts, strconv.Itoa(appeals)+"件行政复议、行政诉讼案件")
	}
	return strings.Join(parts, "和")
}
