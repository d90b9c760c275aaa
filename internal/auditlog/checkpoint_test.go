package auditlog

import (
	"bytes"
	"crypto/ed25519"
	"strings"
	"testing"
	"time"
)

// checkpointsOf signs checkpoints of es after every n rows.
func checkpointsOf(t *testing.T, es []Entry, n int) []Checkpoint {
	t.Helper()
	key, err := NewKey()
	if err != nil {
		t.Fatal(err)
	}
	var out []Checkpoint
	var prev *Checkpoint
	for from := 0; from < len(es); from += n {
		var hs []string
		for _, e := range es[from:min(from+n, len(es))] {
			hs = append(hs, e.Hash)
		}
		c := NewCheckpoint(prev, hs, time.Date(2026, 1, 2, 3, 0, from, 0, time.UTC), key)
		out = append(out, c)
		prev = &out[len(out)-1]
	}
	return out
}

func reseal(es []Entry, from int) {
	for i := from; i < len(es); i++ {
		if i > 0 {
			es[i].PrevHash = es[i-1].Hash
		}
		es[i].Seal()
	}
}

func withoutRows(cps []Checkpoint) []Checkpoint {
	out := append([]Checkpoint(nil), cps...)
	for i := range out {
		out[i].Rows = nil
	}
	return out
}

func TestVerifyAgainstCheckpoints(t *testing.T) {
	good := chain(30)
	cps := checkpointsOf(t, good, 10)
	tests := []struct {
		name     string
		mutate   func([]Entry) []Entry
		cps      []Checkpoint
		wantSeq  int64 // first problem; 0 = intact
		wantText string
	}{
		{"intact", func(e []Entry) []Entry { return e }, cps, 0, ""},
		{"intact, published heads only", func(e []Entry) []Entry { return e }, withoutRows(cps), 0, ""},
		{"row 15 edited, chain recomputed", func(e []Entry) []Entry { e[14].After = `{"a":2}`; reseal(e, 14); return e }, cps, 15, "edited and the chain recomputed"},
		{"row 15 edited, recomputed, heads only", func(e []Entry) []Entry { e[14].After = `{"a":2}`; reseal(e, 14); return e }, withoutRows(cps), 20, "between 11 and 20"},
		{"last rows cut off with the head", func(e []Entry) []Entry { return e[:25] }, cps, 26, "rows 26–30 were removed"},
		{"cut and recomputed before", func(e []Entry) []Entry { e[3].Reason = "改"; reseal(e, 3); return e[:8] }, cps, 4, "recomputed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := tt.mutate(append([]Entry(nil), good...))
			v := &Verifier{}
			v.UseCheckpoints(tt.cps, nil)
			for _, e := range es {
				v.Add(e)
			}
			last := es[len(es)-1]
			v.Finish(last.Seq, last.Hash) // the insider also fixed the recorded head
			if tt.wantSeq == 0 {
				if v.Err() != nil {
					t.Fatalf("intact chain reported: %v", v.Err())
				}
				return
			}
			if v.Err() == nil {
				t.Fatal("not detected")
			}
			if v.Problems[0].Seq != tt.wantSeq || !strings.Contains(v.Problems[0].Reason, tt.wantText) {
				t.Fatalf("first problem %v, want row %d with %q", v.Problems[0], tt.wantSeq, tt.wantText)
			}
		})
	}
}

func TestCheckpointSignatures(t *testing.T) {
	es := chain(5)
	cps := checkpointsOf(t, es, 2)
	key, _ := NewKey()
	for _, c := range cps {
		if err := c.Verify(nil); err != nil {
			t.Fatalf("own key: %v", err)
		}
		pub, _ := ParsePublicKey(c.PublicKey)
		if err := c.Verify(pub); err != nil {
			t.Fatalf("trusted key: %v", err)
		}
	}
	otherPub, _ := ParsePublicKey(NewCheckpoint(nil, []string{"x"}, time.Now(), key).PublicKey)
	if err := cps[0].Verify(otherPub); err == nil || !strings.Contains(err.Error(), "not the trusted key") {
		t.Errorf("another key: %v", err)
	}
	forged := cps[1]
	forged.Hash = es[0].Hash
	if err := forged.Verify(nil); err == nil {
		t.Error("altered head verified")
	}
	tampered := cps[1]
	tampered.Rows = append([]string{"0000"}, tampered.Rows[1:]...)
	if err := tampered.Verify(nil); err == nil {
		t.Error("altered row hashes verified")
	}
	if ps := CheckChain(cps); len(ps) != 0 {
		t.Errorf("intact checkpoint chain: %v", ps)
	}
	if ps := CheckChain([]Checkpoint{cps[0], cps[2]}); len(ps) != 1 || ps[0].Seq != 5 {
		t.Errorf("removed checkpoint: %v", ps)
	}
	// A key round-trips through its PEM file.
	pemBytes, err := MarshalPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParsePrivateKey(pemBytes)
	if err != nil || !back.Equal(key) {
		t.Fatalf("PEM round trip: %v", err)
	}
	// Published documents and witness lines read back.
	got, err := ReadCheckpoints(append(WitnessLine(cps[0]), WitnessLine(cps[1])...))
	if err != nil || len(got) != 2 || got[1].Signature != cps[1].Signature || got[1].Verify(nil) != nil {
		t.Fatalf("witness lines: %v %+v", err, got)
	}
}

// FuzzReadCheckpoints: whatever a saved file holds, reading it never panics, and what it
// yields never verifies unless it was signed.
func FuzzReadCheckpoints(f *testing.F) {
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize)) // the same in every fuzz worker
	c := NewCheckpoint(nil, []string{"a", "b"}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), key)
	f.Add(WitnessLine(c))
	f.Add([]byte(`{"format":"gongkai-audit-checkpoints/1","public_keys":[],"checkpoints":[{"seq":1}]}`))
	f.Add([]byte("{\n}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cps, err := ReadCheckpoints(data)
		if err != nil {
			return
		}
		for _, got := range cps {
			if got.Verify(nil) == nil && got.Signature != c.Signature {
				t.Fatalf("an unsigned checkpoint verified: %+v", got)
			}
		}
	})
}
