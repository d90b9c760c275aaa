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

// Verifier checks a chain fed to it row by row in Seq order.
type Verifier struct {
	prevSeq  int64
	prevHash string
	Problems []Problem
	Rows     int64
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
	v.prevSeq = e.Seq
	v.prevHash = e.Hash
}

// Finish checks the chain's end against the recorded head (last seq and hash).
func (v *Verifier) Finish(headSeq int64, headHash string) {
	if headSeq != v.prevSeq || headHash != v.prevHash {
		v.Problems = append(v.Problems, Problem{headSeq, fmt.Sprintf("chain head is row %d but the last row found is %d (rows removed at the end)", headSeq, v.prevSeq)})
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
