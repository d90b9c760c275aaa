package foirequest

import (
	"fmt"
	"strings"

	"gongkai/internal/apperr"
)

// 信息处理费 (《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号). 第三条: either method
// per application, never both, "均按照超额累进方式计算收费金额" — marginal bands: each band's
// rate applies only to the part that falls in it.

// FeeBand is one band of a fee computation.
type FeeBand struct {
	From   int `json:"from"`   // first unit (application or page) of the band
	To     int `json:"to"`     // last unit of the band that was charged
	Rate   int `json:"rate"`   // 元 per unit
	Amount int `json:"amount"` // 元
}

// FeeByPiece is the fee in 元 for the n-th application of one applicant in one calendar
// month (按件计收, 第四条): 1–10 free; 11–30 100 元 each; from 31 on, each further band of
// ten costs 100 元 more per application (31–40 200, 41–50 300, …).
func FeeByPiece(n int) (int, error) {
	if n < 1 {
		return 0, apperr.New(apperr.Invalid, "申请件数应为正整数（本月第几件申请）")
	}
	switch {
	case n <= 10:
		return 0, nil
	case n <= 30:
		return 100, nil
	}
	return 100 * (2 + (n-31)/10), nil
}

// FeeByPieceTotal is the total in 元 for the first n applications of one applicant in one
// calendar month, with the bands (each band of the table charged separately).
func FeeByPieceTotal(n int) (int, []FeeBand, error) {
	if n < 0 {
		return 0, nil, apperr.New(apperr.Invalid, "申请件数不能为负数")
	}
	total := 0
	var bands []FeeBand
	for from := 1; from <= n; {
		rate, _ := FeeByPiece(from)
		to := pieceBandEnd(from)
		if to > n {
			to = n
		}
		amount := rate * (to - from + 1)
		bands = append(bands, FeeBand{From: from, To: to, Rate: rate, Amount: amount})
		total += amount
		from = to + 1
	}
	return total, bands, nil
}

func pieceBandEnd(n int) int {
	switch {
	case n <= 10:
		return 10
	case n <= 30:
		return 30
	}
	return 30 + ((n-31)/10+1)*10
}

// pageBands is 按量计收 (第五条): pages 1–30 free; 31–100 10 元/页; 101–200 20 元/页;
// 201 and more 40 元/页, each rate applying only to the pages in its band.
var pageBands = []FeeBand{{From: 1, To: 30, Rate: 0}, {From: 31, To: 100, Rate: 10}, {From: 101, To: 200, Rate: 20}, {From: 201, To: 0, Rate: 40}}

// FeeByPage is the fee in 元 for one application of the given number of pages, with the
// bands that were charged.
func FeeByPage(pages int) (int, []FeeBand, error) {
	if pages < 0 {
		return 0, nil, apperr.New(apperr.Invalid, "页数不能为负数")
	}
	total := 0
	var bands []FeeBand
	for _, b := range pageBands {
		if pages < b.From {
			break
		}
		to := b.To
		if to == 0 || to > pages {
			to = pages
		}
		b.To, b.Amount = to, b.Rate*(to-b.From+1)
		bands = append(bands, b)
		total += b.Amount
	}
	return total, bands, nil
}

// FeeMethod is how a fee is computed (第三条: one method per application, never both).
type FeeMethod string

const (
	FeeMethodPiece FeeMethod = "piece" // 按件计收（第四条）
	FeeMethodPage  FeeMethod = "page"  // 按量计收（第五条）
)

// FeeMethods lists the methods in display order.
var FeeMethods = []FeeMethod{FeeMethodPiece, FeeMethodPage}

// Label is the Chinese name of the method.
func (m FeeMethod) Label() string {
	switch m {
	case FeeMethodPiece:
		return "按件计收"
	case FeeMethodPage:
		return "按量计收"
	}
	return string(m)
}

// FeeComputation is the fee of one application computed from the records: the method,
// the applicant's count this natural month (按件) or the pages (按量), the bands, the fee
// the rule gives, the 减免 with its written reason, and the amount charged.
type FeeComputation struct {
	Method       FeeMethod `json:"method"`
	Piece        int       `json:"piece,omitempty"` // 按件: the applicant's n-th application to the agency this natural month
	Pages        int       `json:"pages,omitempty"` // 按量
	Bands        []FeeBand `json:"bands"`
	Computed     int       `json:"computed"` // 元, per 109号
	Waived       int       `json:"waived"`   // 元 reduced or waived (减免)
	WaiverReason string    `json:"waiver_reason,omitempty"`
	Amount       int       `json:"amount"` // 元 charged: Computed − Waived
}

// ComputeFee applies 国办函〔2020〕109号 to one application: 按件, the fee of the
// applicant's piece-th application to the agency in the natural month (FeeByPiece); 按量,
// the fee of the pages (FeeByPage, 超额累进). A 减免 needs a written reason and cannot
// exceed the fee. Errors are apperr.Invalid.
func ComputeFee(method FeeMethod, piece, pages, waived int, waiverReason string) (FeeComputation, error) {
	f := FeeComputation{Method: method, Waived: waived, WaiverReason: strings.TrimSpace(waiverReason)}
	switch method {
	case FeeMethodPiece:
		fee, err := FeeByPiece(piece)
		if err != nil {
			return f, err
		}
		f.Piece, f.Computed = piece, fee
		f.Bands = []FeeBand{{From: piece, To: piece, Rate: fee, Amount: fee}}
	case FeeMethodPage:
		total, bands, err := FeeByPage(pages)
		if err != nil {
			return f, err
		}
		if pages < 1 {
			return f, apperr.New(apperr.Invalid, "按量计收须填写提供的页数")
		}
		f.Pages, f.Computed, f.Bands = pages, total, bands
	default:
		return f, apperr.New(apperr.Invalid, "请选择计收方式（按件计收或按量计收，一件申请只能选择一种，国办函〔2020〕109号第三条）")
	}
	if f.Computed == 0 {
		f.Waived, f.WaiverReason = 0, "" // nothing to reduce: the caller refuses the notice
		return f, nil
	}
	if waived < 0 || waived > f.Computed {
		return f, apperr.Newf(apperr.Invalid, "减免金额应在0至%d元之间", f.Computed)
	}
	if waived > 0 && f.WaiverReason == "" {
		return f, apperr.New(apperr.Invalid, "减免信息处理费的，请书面说明减免理由")
	}
	f.Amount = f.Computed - waived
	return f, nil
}

// Lines explains the computation in Chinese, for the fee notice and the case page.
func (f FeeComputation) Lines() []string {
	var out []string
	switch f.Method {
	case FeeMethodPiece:
		out = append(out, fmt.Sprintf("按件计收（国办函〔2020〕109号第四条）：本申请为申请人本自然月内向本机关提出的第%d件申请（第1—10件不收费；第11—30件每件100元；第31件起每10件为一档，每档每件增加100元），本件收费%d元", f.Piece, f.Computed))
	case FeeMethodPage:
		parts := make([]string, 0, len(f.Bands))
		for _, b := range f.Bands {
			if b.Rate == 0 {
				parts = append(parts, fmt.Sprintf("第%d—%d页免费", b.From, b.To))
				continue
			}
			parts = append(parts, fmt.Sprintf("第%d—%d页%d页×%d元＝%d元", b.From, b.To, b.To-b.From+1, b.Rate, b.Amount))
		}
		out = append(out, fmt.Sprintf("按量计收（国办函〔2020〕109号第五条，超额累进）：共%d页，%s，合计%d元", f.Pages, strings.Join(parts, "；"), f.Computed))
	}
	if f.Waived > 0 {
		out = append(out, fmt.Sprintf("减免%d元（理由：%s）", f.Waived, f.WaiverReason))
	}
	out = append(out, fmt.Sprintf("应缴纳%d元", f.Amount))
	return out
}

// Fee is the computation of a fee notice recorded with its method (false otherwise).
func (e Event) Fee() (FeeComputation, bool) {
	if e.Type != EventFeeNotified || e.FeeMethod == "" {
		return FeeComputation{}, false
	}
	f, err := ComputeFee(e.FeeMethod, e.Piece, e.Pages, e.Waived, e.WaiverReason)
	return f, err == nil
}

// FeeText is the computation of a fee notice recorded with its method ("" otherwise).
func (e Event) FeeText() string {
	if f, ok := e.Fee(); ok {
		return f.Text()
	}
	return ""
}

// Text is Lines joined as one sentence.
func (f FeeComputation) Text() string { return strings.Join(f.Lines(), "；") }

// SameApplicant reports whether two applications come from the same applicant, for 按件
// counting: a natural person by identity document number, an organisation by its 统一社会
// 信用代码, else by name and telephone.
func SameApplicant(a, b Applicant) bool {
	switch {
	case a.Kind.IsOrganization() != b.Kind.IsOrganization():
		return false
	case a.Kind.IsOrganization() && a.CreditCode != "" && b.CreditCode != "":
		return strings.EqualFold(a.CreditCode, b.CreditCode)
	case !a.Kind.IsOrganization() && a.IDNumber != "" && b.IDNumber != "":
		return strings.EqualFold(a.IDNumber, b.IDNumber)
	}
	return a.Name == b.Name && a.Phone == b.Phone
}

// MonthlyPiece is the position of application app among the applications of the same
// applicant to the same agency received in the same natural month (第四条 "一个自然月内"),
// by day of receipt then id: app itself is counted. others may hold anything; only those
// of the agency, the applicant and the month count.
func MonthlyPiece(app Application, others []Application) int {
	n := 1
	y, m, _ := app.Received.Date()
	for _, o := range others {
		if o.ID == app.ID || o.AgencyID != app.AgencyID || !SameApplicant(o.Applicant, app.Applicant) {
			continue
		}
		if oy, om, _ := o.Received.Date(); oy != y || om != m {
			continue
		}
		if o.Received.Before(app.Received) || o.Received.Equal(app.Received) && o.ID < app.ID {
			n++
		}
	}
	return n
}
