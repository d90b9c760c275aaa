package foirequest

import (
	"testing"

	"gongkai/internal/apperr"
)

func TestFeeByPiece(t *testing.T) {
	tests := []struct{ n, want int }{
		{1, 0}, {10, 0}, {11, 100}, {30, 100}, {31, 200}, {40, 200}, {41, 300}, {50, 300}, {51, 400}, {60, 400}, {61, 500}, {91, 800}, {100, 800}, {101, 900},
	}
	for _, tt := range tests {
		got, err := FeeByPiece(tt.n)
		if err != nil || got != tt.want {
			t.Errorf("FeeByPiece(%d) = %d, %v; want %d", tt.n, got, err, tt.want)
		}
	}
	if _, err := FeeByPiece(0); !apperr.Is(err, apperr.Invalid) {
		t.Error("FeeByPiece(0) must be invalid")
	}
}

func TestFeeByPieceTotal(t *testing.T) {
	tests := []struct{ n, want, bands int }{
		{0, 0, 0}, {10, 0, 1}, {11, 100, 2}, {30, 2000, 2}, {31, 2200, 3}, {40, 4000, 3}, {45, 5500, 4},
	}
	for _, tt := range tests {
		got, bands, err := FeeByPieceTotal(tt.n)
		if err != nil || got != tt.want || len(bands) != tt.bands {
			t.Errorf("FeeByPieceTotal(%d) = %d %+v %v; want %d in %d bands", tt.n, got, bands, err, tt.want, tt.bands)
		}
		// The total is the sum of the per-application fees.
		sum := 0
		for i := 1; i <= tt.n; i++ {
			f, _ := FeeByPiece(i)
			sum += f
		}
		if sum != got {
			t.Errorf("FeeByPieceTotal(%d) = %d, sum of FeeByPiece = %d", tt.n, got, sum)
		}
	}
	if _, _, err := FeeByPieceTotal(-1); !apperr.Is(err, apperr.Invalid) {
		t.Error("negative count must be invalid")
	}
}

func TestFeeByPage(t *testing.T) {
	// 超额累进 (第三条): each rate applies to the pages in its band only.
	tests := []struct{ pages, want int }{
		{0, 0}, {1, 0}, {30, 0}, {31, 10}, {100, 700}, {101, 720}, {200, 2700}, {201, 2740}, {250, 4700}, {1000, 34700},
	}
	for _, tt := range tests {
		got, bands, err := FeeByPage(tt.pages)
		if err != nil || got != tt.want {
			t.Errorf("FeeByPage(%d) = %d, %v; want %d", tt.pages, got, err, tt.want)
		}
		sum := 0
		for _, b := range bands {
			sum += b.Amount
			if b.To > tt.pages || b.Amount != b.Rate*(b.To-b.From+1) {
				t.Errorf("FeeByPage(%d): bad band %+v", tt.pages, b)
			}
		}
		if sum != got {
			t.Errorf("FeeByPage(%d): bands sum to %d", tt.pages, sum)
		}
	}
	if _, _, err := FeeByPage(-1); !apperr.Is(err, apperr.Invalid) {
		t.Error("negative pages must be invalid")
	}
}

// TestComputeFee: the fee of one application per 109号, with 减免.
func TestComputeFee(t *testing.T) {
	for _, tt := range []struct {
		name          string
		method        FeeMethod
		piece, pages  int
		waived        int
		reason        string
		computed, amt int
		err           apperr.Code
	}{
		{"10th of the month: free", FeeMethodPiece, 10, 0, 0, "", 0, 0, ""},
		{"11th of the month", FeeMethodPiece, 11, 0, 0, "", 100, 100, ""},
		{"31st of the month", FeeMethodPiece, 31, 0, 0, "", 200, 200, ""},
		{"110 pages: 700 + 200", FeeMethodPage, 0, 110, 0, "", 900, 900, ""},
		{"250 pages: 700 + 2000 + 2000", FeeMethodPage, 0, 250, 0, "", 4700, 4700, ""},
		{"30 pages: free", FeeMethodPage, 0, 30, 0, "", 0, 0, ""},
		{"waived in part with a reason", FeeMethodPage, 0, 110, 400, "申请人为低保对象", 900, 500, ""},
		{"waiver without a reason", FeeMethodPage, 0, 110, 400, " ", 0, 0, apperr.Invalid},
		{"waiver above the fee", FeeMethodPiece, 11, 0, 200, "x", 0, 0, apperr.Invalid},
		{"no method", "", 11, 0, 0, "", 0, 0, apperr.Invalid},
		{"by page without pages", FeeMethodPage, 0, 0, 0, "", 0, 0, apperr.Invalid},
	} {
		f, err := ComputeFee(tt.method, tt.piece, tt.pages, tt.waived, tt.reason)
		if tt.err != "" {
			if !apperr.Is(err, tt.err) {
				t.Errorf("%s: err %v, want %s", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || f.Computed != tt.computed || f.Amount != tt.amt {
			t.Errorf("%s: %+v %v", tt.name, f, err)
		}
	}
	f, _ := ComputeFee(FeeMethodPage, 0, 110, 100, "减收")
	if got := f.Text(); got != "按量计收（国办函〔2020〕109号第五条，超额累进）：共110页，第1—30页免费；第31—100页70页×10元＝700元；第101—110页10页×20元＝200元，合计900元；减免100元（理由：减收）；应缴纳800元" {
		t.Errorf("text %q", got)
	}
}

// TestFeeNotice: the notice carries the computation; a fee the rule does not give is
// refused; the payment is recorded with its amount.
func TestFeeNotice(t *testing.T) {
	base := []Event{ev(EventRegistered, "2025-11-03"), ev(EventAccepted, "2025-11-03")}
	notice := func(f ...func(*Event)) Event {
		return ev(EventFeeNotified, "2025-11-05", append([]func(*Event){sent(NoticeElectronic)}, f...)...)
	}
	byPiece := func(n int) func(*Event) { return func(e *Event) { e.FeeMethod, e.Piece = FeeMethodPiece, n } }
	byPage := func(n int) func(*Event) { return func(e *Event) { e.FeeMethod, e.Pages = FeeMethodPage, n } }
	for _, tt := range []struct {
		name   string
		e      Event
		amount int
		code   apperr.Code
	}{
		{"11th application", notice(byPiece(11)), 100, ""},
		{"1st application of the month", notice(byPiece(1)), 0, apperr.Conflict},
		{"110 pages typed as 20 yuan", notice(byPage(110), amount(20)), 0, apperr.Invalid},
		{"110 pages", notice(byPage(110)), 900, ""},
		{"fully waived", notice(byPiece(11), func(e *Event) { e.Waived, e.WaiverReason = 100, "公益目的" }), 0, apperr.Conflict},
		{"no method", notice(amount(100)), 0, apperr.Invalid},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := replay(t, base...)
			err := c.Apply(handler, tt.e, nil)
			if tt.code != "" {
				if !apperr.Is(err, tt.code) {
					t.Fatalf("err %v, want %s", err, tt.code)
				}
				return
			}
			if err != nil || c.FeeAmount != tt.amount || c.Fee == nil || c.Events[len(c.Events)-1].Amount != tt.amount {
				t.Fatalf("amount %d fee %+v err %v", c.FeeAmount, c.Fee, err)
			}
			if err := c.Apply(handler, ev(EventFeePaid, "2025-11-10", amount(tt.amount+1)), nil); !apperr.Is(err, apperr.Invalid) {
				t.Errorf("wrong payment: %v", err)
			}
			if err := c.Apply(handler, ev(EventFeePaid, "2025-11-10"), nil); err != nil || len(c.Payments) != 1 || c.Payments[0].Amount != tt.amount {
				t.Errorf("payment %+v %v", c.Payments, err)
			}
		})
	}
}

// TestMonthlyPiece: 按件 counts the applicant's applications to the same agency in the
// same natural month, in order of receipt.
func TestMonthlyPiece(t *testing.T) {
	zhang := Applicant{Kind: NaturalPerson, Name: "张三", IDNumber: "11010519491231002X", Phone: "1"}
	li := Applicant{Kind: NaturalPerson, Name: "李四", IDNumber: "110105194912310046", Phone: "2"}
	firm := Applicant{Kind: Business, Name: "某公司", CreditCode: "91350100M000100Y43"}
	app := func(id, agency int64, who Applicant, received string) Application {
		return Application{ID: id, AgencyID: agency, Applicant: who, Received: dd(received)}
	}
	others := []Application{
		app(1, 1, zhang, "2025-11-03"), app(2, 1, zhang, "2025-11-05"), app(3, 1, li, "2025-11-04"),
		app(4, 2, zhang, "2025-11-04"), app(5, 1, zhang, "2025-10-31"), app(6, 1, zhang, "2025-11-10"),
		app(7, 1, firm, "2025-11-01"), app(8, 1, zhang, "2025-11-05"),
	}
	for _, tt := range []struct {
		target Application
		want   int
	}{
		{others[0], 1}, {others[1], 2}, {others[7], 3}, {others[5], 4}, // same day: by id
		{others[2], 1}, {others[3], 1}, {others[4], 1}, {others[6], 1},
	} {
		if got := MonthlyPiece(tt.target, others); got != tt.want {
			t.Errorf("application %d: %d, want %d", tt.target.ID, got, tt.want)
		}
	}
}
