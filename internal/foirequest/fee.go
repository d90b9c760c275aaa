package foirequest

import (
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
