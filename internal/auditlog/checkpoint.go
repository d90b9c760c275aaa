package auditlog

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// A Checkpoint is a signed statement that the audit log's chain, at a moment, ended at
// row Seq with hash Hash. The hash chain alone proves nothing against someone who can
// write the database: they can edit a row and recompute every hash after it, or cut rows
// off the end together with the recorded head. They cannot sign without the Ed25519 key,
// which is kept outside the database; so a checkpoint made before the rewrite — kept in
// the database, in the signer's witness file, or saved by anyone from the portal —
// no longer matches, and `gongkai auditlog verify` says where.
//
// Each checkpoint also signs the hashes of the rows it adds to the previous one (Rows,
// summarised by RowsDigest), so that verify names the first rewritten row exactly, and
// the previous checkpoint's signature (Prev), so that removing checkpoints between two
// kept ones is seen.
type Checkpoint struct {
	Seq        int64     `json:"seq"`         // the last row covered: the chain head when signed
	Hash       string    `json:"hash"`        // that row's hash
	From       int64     `json:"from"`        // the first row this checkpoint adds (the previous one's Seq + 1)
	RowsDigest string    `json:"rows_digest"` // SHA-256 of the hashes of rows From..Seq
	Rows       []string  `json:"-"`           // those hashes (kept in the database, not published)
	At         time.Time `json:"at"`
	Prev       string    `json:"prev"` // the previous checkpoint's signature, "" for the first
	KeyID      string    `json:"key_id"`
	PublicKey  string    `json:"public_key"` // base64 Ed25519 public key that signed
	Signature  string    `json:"signature"`  // base64
}

// RowsDigest is the digest of row hashes as a checkpoint signs it.
func RowsDigest(hashes []string) string {
	h := sha256.New()
	for _, s := range hashes {
		h.Write([]byte(s))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// message is what the signature covers.
func (c Checkpoint) message() []byte {
	var b bytes.Buffer
	b.WriteString("gongkai audit checkpoint v1\n")
	fmt.Fprintf(&b, "seq: %d\nhash: %s\nfrom: %d\nrows: %s\nat: %s\nprev: %s\nkey: %s\n",
		c.Seq, c.Hash, c.From, c.RowsDigest, c.At.UTC().Format("2006-01-02T15:04:05.000000Z"), c.Prev, c.KeyID)
	return b.Bytes()
}

// KeyID names a public key: the first 16 hex digits of its SHA-256.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

// NewCheckpoint builds the checkpoint that follows prev (nil for the first) over the
// hashes of rows prev.Seq+1 .. prev.Seq+len(rows), signed with key.
func NewCheckpoint(prev *Checkpoint, rows []string, at time.Time, key ed25519.PrivateKey) Checkpoint {
	pub := key.Public().(ed25519.PublicKey)
	c := Checkpoint{From: 1, Rows: rows, RowsDigest: RowsDigest(rows), At: at.UTC().Truncate(time.Microsecond),
		KeyID: KeyID(pub), PublicKey: base64.StdEncoding.EncodeToString(pub)}
	if prev != nil {
		c.From, c.Prev = prev.Seq+1, prev.Signature
	}
	c.Seq = c.From + int64(len(rows)) - 1
	if len(rows) > 0 {
		c.Hash = rows[len(rows)-1]
	} else if prev != nil {
		c.Hash = prev.Hash
	}
	c.Signature = base64.StdEncoding.EncodeToString(ed25519.Sign(key, c.message()))
	return c
}

// Verify checks the signature with the trusted public key; with none (nil), with the
// key the checkpoint names, which proves only that it was not altered since signing —
// not who signed it. It also checks Rows against RowsDigest when Rows are present.
func (c Checkpoint) Verify(trusted ed25519.PublicKey) error {
	pub := trusted
	if pub == nil {
		b, err := base64.StdEncoding.DecodeString(c.PublicKey)
		if err != nil || len(b) != ed25519.PublicKeySize {
			return errors.New("checkpoint names no valid public key")
		}
		pub = b
	}
	sig, err := base64.StdEncoding.DecodeString(c.Signature)
	if err != nil || !ed25519.Verify(pub, c.message(), sig) {
		if trusted != nil && c.KeyID != KeyID(trusted) {
			return fmt.Errorf("signed by key %s, not the trusted key %s", c.KeyID, KeyID(trusted))
		}
		return errors.New("signature does not match (checkpoint forged or altered)")
	}
	if c.Rows != nil && (RowsDigest(c.Rows) != c.RowsDigest || int64(len(c.Rows)) != c.Seq-c.From+1) {
		return errors.New("its row hashes do not match what was signed")
	}
	return nil
}

// MarshalPrivateKey encodes an Ed25519 key as a PKCS #8 PEM block.
func MarshalPrivateKey(key ed25519.PrivateKey) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// ParsePrivateKey reads a PKCS #8 PEM Ed25519 key.
func ParsePrivateKey(data []byte) (ed25519.PrivateKey, error) {
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, errors.New("not a PEM \"PRIVATE KEY\" block")
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, err
	}
	ek, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, errors.New("not an Ed25519 key")
	}
	return ek, nil
}

// NewKey makes a signing key.
func NewKey() (ed25519.PrivateKey, error) {
	_, k, err := ed25519.GenerateKey(rand.Reader)
	return k, err
}

// ParsePublicKey reads a base64 Ed25519 public key.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, errors.New("not a base64 Ed25519 public key")
	}
	return b, nil
}

// Published is the document the portal serves and `verify --checkpoints` reads: every
// checkpoint's signed head, without the row hashes.
type Published struct {
	Format      string       `json:"format"`
	PublicKeys  []string     `json:"public_keys"`
	Checkpoints []Checkpoint `json:"checkpoints"`
}

// PublishedFormat names the document's format.
const PublishedFormat = "gongkai-audit-checkpoints/1"

// ReadCheckpoints reads checkpoints saved from the portal (a Published document) or a
// witness file (one checkpoint per line).
func ReadCheckpoints(data []byte) ([]Checkpoint, error) {
	trimmed := bytes.TrimSpace(data)
	if bytes.HasPrefix(trimmed, []byte("{\"format\"")) || bytes.Contains(trimmed[:min(len(trimmed), 200)], []byte(PublishedFormat)) {
		var p Published
		if err := json.Unmarshal(trimmed, &p); err != nil {
			return nil, fmt.Errorf("checkpoints: %v", err)
		}
		if p.Format != PublishedFormat {
			return nil, fmt.Errorf("checkpoints: unknown format %q", p.Format)
		}
		return p.Checkpoints, nil
	}
	var out []Checkpoint
	for i, line := range bytes.Split(trimmed, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var c Checkpoint
		if err := json.Unmarshal(line, &c); err != nil {
			return nil, fmt.Errorf("checkpoints: line %d: %v", i+1, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// WitnessLine is a checkpoint as one line of a witness file.
func WitnessLine(c Checkpoint) []byte {
	b, _ := json.Marshal(c)
	return append(b, '\n')
}

func sortCheckpoints(cps []Checkpoint) {
	sort.SliceStable(cps, func(i, j int) bool { return cps[i].Seq < cps[j].Seq })
}

// CheckChain checks that checkpoints, ordered by Seq, follow one another: each From is the
// previous Seq + 1 and each Prev the previous signature. A break means checkpoints were
// removed (or one belongs elsewhere); the problems name the checkpoint after the gap.
func CheckChain(cps []Checkpoint) []Problem {
	cs := append([]Checkpoint(nil), cps...)
	sortCheckpoints(cs)
	var out []Problem
	for i, c := range cs {
		wantFrom, wantPrev := int64(1), ""
		if i > 0 {
			wantFrom, wantPrev = cs[i-1].Seq+1, cs[i-1].Signature
		}
		if c.From != wantFrom || c.Prev != wantPrev {
			out = append(out, Problem{c.From, fmt.Sprintf("the %s does not follow the one before it: checkpoints were removed", checkpointName(c))})
		}
	}
	return out
}

// checkpointName names a checkpoint in problems, in English.
func checkpointName(c Checkpoint) string {
	return "checkpoint of " + c.At.UTC().Format("2006-01-02 15:04:05Z") + " (row " + strconv.FormatInt(c.Seq, 10) + ")"
}
