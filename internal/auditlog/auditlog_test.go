package auditlog

import (
	"testing"
	"time"
)

func chain(n int) []Entry {
	var out []Entry
	prev := ""
	for i := 1; i <= n; i++ {
		e := Entry{Seq: int64(i), At: time.Date(2026, 1, 2, 3, 4, i, 0, time.UTC), ActorName: "张三", Action: "x", Entity: "y", EntityID: "1", Before: "{}", After: `{"a":1}`, PrevHash: prev}
		e.Seal()
		prev = e.Hash
		out = append(out, e)
	}
	return out
}

func verify(es []Entry, headSeq int64, headHash string) *Verifier {
	v := &Verifier{}
	for _, e := range es {
		v.Add(e)
	}
	v.Finish(headSeq, headHash)
	return v
}

func TestVerify(t *testing.T) {
	good := chain(5)
	head := good[4]
	tests := []struct {
		name    string
		mutate  func([]Entry) []Entry
		wantSeq int64 // 0 = intact
	}{
		{"intact", func(e []Entry) []Entry { return e }, 0},
		{"edited after", func(e []Entry) []Entry { e[2].After = `{"a":2}`; return e }, 3},
		{"edited actor", func(e []Entry) []Entry { e[1].ActorName = "李四"; return e }, 2},
		{"deleted middle", func(e []Entry) []Entry { return append(e[:2:2], e[3:]...) }, 4},
		{"deleted last", func(e []Entry) []Entry { return e[:4] }, 5},
		{"edited and rehashed", func(e []Entry) []Entry { e[1].Reason = "x"; e[1].Seal(); return e }, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := tt.mutate(append([]Entry(nil), good...))
			v := verify(es, head.Seq, head.Hash)
			if tt.wantSeq == 0 {
				if v.Err() != nil {
					t.Fatalf("intact chain reported: %v", v.Err())
				}
				return
			}
			if v.Err() == nil {
				t.Fatal("tampering not detected")
			}
			if v.Problems[0].Seq != tt.wantSeq {
				t.Fatalf("first problem at row %d, want %d: %v", v.Problems[0].Seq, tt.wantSeq, v.Err())
			}
		})
	}
}
