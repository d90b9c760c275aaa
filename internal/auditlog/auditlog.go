// Package auditlog defines the hash-chained audit log (操作日志): every state change is an
// Entry whose hash covers its own fields and the hash of the entry before it, so that an
// edited, inserted or deleted row breaks the chain at a row Verify can name.
package auditlog

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Entry is one row of the audit log.
type Entry struct {
	Seq       int64     // 1, 2, 3, ... without gaps
	At        time.Time // when, UTC, microsecond precision
	ActorID   int64     // 0 for the system or the public
	ActorName string    // user name, "系统" or "公众"
	AgencyID  int64     // 0 when not tied to one agency
	Action    string    // e.g. "application.reply", "catalog.publish", "user.add"
	Entity    string    // e.g. "application", "catalog_item", "user"
	EntityID  string
	Before    string // JSON of the state before ("{}" for a creation)
	After     string // JSON of the state after
	Reason    string // why, as the user gave it
	PrevHash  string
	Hash      string
}

// Change describes a state change to be appended; the store fills Seq, At, PrevHash and Hash.
type Change struct {
	ActorID   int64
	ActorName string
	AgencyID  int64
	Action    string
	Entity    string
	EntityID  string
	Before    any // marshalled to JSON; nil becomes {}
	After     any
	Reason    string
}

// JSON marshals v for Before/After; nil is "{}".
func JSON(v any) string {
	if v == nil {
		return "{}"
	}
	if s, ok := v.(string); ok && json.Valid([]byte(s)) {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("{\"error\":%q}", err.Error())
	}
	return string(b)
}

// ComputeHash returns the SHA-256 of the entry's fields and its PrevHash.
func (e Entry) ComputeHash() string {
	h := sha256.New()
	field := func(s string) {
		// Length-prefixed, so that moving text between fields changes the hash.
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
		h.Write([]byte{';'})
	}
	field(strconv.FormatInt(e.Seq, 10))
	field(e.At.UTC().Format("2006-01-02T15:04:05.000000Z"))
	field(strconv.FormatInt(e.ActorID, 10))
	field(e.ActorName)
	field(strconv.FormatInt(e.AgencyID, 10))
	field(e.Action)
	field(e.Entity)
	field(e.EntityID)
	field(e.Before)
	field(e.After)
	field(e.Reason)
	field(e.PrevHash)
	return hex.EncodeToString(h.Sum(nil))
}

// Seal sets Hash from the other fields.
func (e *Entry) Seal() { e.Hash = e.ComputeHash() }

// Problem is a break in the chain.
type Problem struct {
	Seq    int64
	Reason string
}

func (p Problem) String() string { return fmt.Sprintf("row %d: %s", p.Seq, p.Reason) }

// Verifier checks a chain fed to it row by row in Seq order, and, given checkpoints,
// the rows against what was signed.
type Verifier struct {
	prevSeq  int64
	prevHash string
	Problems []Problem
	Rows     int64

	cps       []Checkpoint
	cpRows    func(Checkpoint) ([]string, error)
	cpi       int      // the checkpoint whose span holds the current row
	cpLoaded  int      // index of the checkpoint whose row hashes are in cpHashes, -1 none
	cpHashes  []string // nil when unknown
	mismatch  int64    // rows that differ from a checkpoint
	firstDiff bool
}

// VerifierFrom is a Verifier of rows that follow row seq, whose hash is hash.
func VerifierFrom(seq int64, hash string) *Verifier {
	return &Verifier{prevSeq: seq, prevHash: hash}
}

// UseCheckpoints makes the Verifier compare the rows with checkpoints whose signatures the
// caller has checked. rows loads the row hashes of a checkpoint kept in the database (nil
// when only the signed heads are known, e.g. copies saved from the portal): then the first
// rewritten row is named exactly, else the span between two checkpoints that holds it.
func (v *Verifier) UseCheckpoints(cps []Checkpoint, rows func(Checkpoint) ([]string, error)) {
	v.cps = append([]Checkpoint(nil), cps...)
	sortCheckpoints(v.cps)
	v.cpRows = rows
	v.cpLoaded = -1
}

// Add checks the next row.
func (v *Verifier) Add(e Entry) {
	v.Rows++
	if e.Seq != v.prevSeq+1 {
		v.Problems = append(v.Problems, Problem{e.Seq, fmt.Sprintf("sequence gap: expected row %d, found %d (rows deleted or inserted)", v.prevSeq+1, e.Seq)})
	}
	if e.PrevHash != v.prevHash {
		v.Problems = append(v.Problems, Problem{e.Seq, "previous-hash link broken (the row before was changed or removed)"})
	}
	if got := e.ComputeHash(); got != e.Hash {
		v.Problems = append(v.Problems, Problem{e.Seq, "content does not match its hash (row edited)"})
	}
	v.checkAgainstCheckpoints(e)
	v.prevSeq = e.Seq
	v.prevHash = e.Hash
}

func (v *Verifier) checkAgainstCheckpoints(e Entry) {
	for v.cpi < len(v.cps) && v.cps[v.cpi].Seq < e.Seq {
		v.cpi++
	}
	for i := v.cpi; i < len(v.cps) && v.cps[i].From <= e.Seq; i++ {
		cp := v.cps[i]
		if e.Seq > cp.Seq {
			continue
		}
		want := ""
		if e.Seq == cp.Seq {
			want = cp.Hash
		}
		if hs := v.rowsOf(i); hs != nil {
			want = hs[e.Seq-cp.From]
		}
		if want == "" || want == e.Hash {
			continue
		}
		v.mismatch++
		if !v.firstDiff {
			v.firstDiff = true
			what := "this row's hash differs from the one signed: the row was edited and the chain recomputed from here on"
			if e.Seq == cp.Seq && v.rowsOf(i) == nil {
				what = fmt.Sprintf("the chain head differs from the one signed: a row between %d and %d was edited and the chain recomputed", cp.From, cp.Seq)
			}
			v.Problems = append(v.Problems, Problem{e.Seq, "no longer matches the " + checkpointName(cp) + ": " + what})
		}
	}
}

// rowsOf returns the row hashes of checkpoint i when known and intact, else nil.
func (v *Verifier) rowsOf(i int) []string {
	if v.cpLoaded == i {
		return v.cpHashes
	}
	v.cpLoaded, v.cpHashes = i, nil
	cp := v.cps[i]
	hs := cp.Rows
	if hs == nil && v.cpRows != nil {
		var err error
		if hs, err = v.cpRows(cp); err != nil {
			hs = nil
		}
	}
	if hs != nil && int64(len(hs)) == cp.Seq-cp.From+1 && RowsDigest(hs) == cp.RowsDigest {
		v.cpHashes = hs
	}
	return v.cpHashes
}

// Finish checks the chain's end against the recorded head (last seq and hash) and the
// checkpoints: a checkpoint beyond the last row means rows were cut off the end.
func (v *Verifier) Finish(headSeq int64, headHash string) {
	if headSeq != v.prevSeq || headHash != v.prevHash {
		v.Problems = append(v.Problems, Problem{headSeq, fmt.Sprintf("chain head is row %d but the last row found is %d (rows removed at the end)", headSeq, v.prevSeq)})
	}
	if n := len(v.cps); n > 0 && v.cps[n-1].Seq > v.prevSeq {
		cp := v.cps[n-1]
		v.Problems = append(v.Problems, Problem{v.prevSeq + 1, fmt.Sprintf("truncated: the log ends at row %d but the %s covers up to row %d, so rows %d–%d were removed", v.prevSeq, checkpointName(cp), cp.Seq, v.prevSeq+1, cp.Seq)})
	}
	if v.mismatch > 1 {
		v.Problems = append(v.Problems, Problem{v.prevSeq, fmt.Sprintf("%d signed row hashes in all no longer match", v.mismatch)})
	}
}

// Err summarises the problems, nil when the chain is intact.
func (v *Verifier) Err() error {
	if len(v.Problems) == 0 {
		return nil
	}
	parts := make([]string, 0, len(v.Problems))
	for _, p := range v.Problems {
		parts = append(parts, p.String())
	}
	return fmt.Errorf("audit log tampered: %s", strings.Join(parts, "; "))
}
