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
