package account

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/argon2"

	"gongkai/internal/apperr"
)

// Argon2 is the cost of an argon2id password hash.
type Argon2 struct {
	Time      uint32 // passes over memory
	MemoryKiB uint32 // memory per check, in KiB
	Threads   uint8
}

// DefaultArgon2 is RFC 9106's second recommended option with 64 MiB rather than 2 GiB,
// for ordinary servers (OWASP's floor is 19 MiB with two passes).
func DefaultArgon2() Argon2 { return Argon2{Time: 2, MemoryKiB: 64 * 1024, Threads: 2} }

// Bounds of the configurable cost: below the floor a hash protects nothing, above the
// ceiling one check could take the server's memory (a hash read from the database is
// refused beyond it too, so an edited row cannot make a sign-in allocate gigabytes).
const (
	minArgonMemoryKiB = 1024
	maxArgonMemoryKiB = 1024 * 1024
	maxArgonTime      = 64
	maxArgonThreads   = 64
)

// Validate checks the parameters are within the bounds gongkai accepts.
func (a Argon2) Validate() error {
	switch {
	case a.Time < 1 || a.Time > maxArgonTime:
		return fmt.Errorf("argon2 time must be 1..%d, got %d", maxArgonTime, a.Time)
	case a.MemoryKiB < minArgonMemoryKiB || a.MemoryKiB > maxArgonMemoryKiB:
		return fmt.Errorf("argon2 memory must be %d..%d KiB, got %d", minArgonMemoryKiB, maxArgonMemoryKiB, a.MemoryKiB)
	case a.Threads < 1 || a.Threads > maxArgonThreads:
		return fmt.Errorf("argon2 threads must be 1..%d, got %d", maxArgonThreads, a.Threads)
	}
	return nil
}

// Weak reports whether the parameters are below OWASP's minimum for argon2id
// (19 MiB and two passes, or 46 MiB and one pass): fine for tests, not for a deployment.
func (a Argon2) Weak() bool {
	return a.MemoryKiB < 19*1024 || (a.Time < 2 && a.MemoryKiB < 46*1024)
}

// ErrBusy is returned when no password check could start in time: every slot stayed busy.
var ErrBusy = apperr.New(apperr.TooMany, "系统繁忙，请稍后再试")

// Passwords hashes and checks passwords with argon2id. At most Slots checks run at once,
// so the memory they take is bounded by Slots × MemoryKiB whatever arrives; others wait
// their turn (a bounded queue, for a bounded time) or are refused with ErrBusy.
type Passwords struct {
	params  Argon2
	slots   chan struct{}
	waiters atomic.Int64
	maxWait int64
	timeout time.Duration

	checks      atomic.Int64
	inFlight    atomic.Int64
	maxInFlight atomic.Int64

	dummy func() string
}

// DefaultSlots is the number of concurrent password checks when not configured: one per
// CPU, at most 4 (4 × 64 MiB = 256 MiB at the default cost).
func DefaultSlots() int { return min(runtime.NumCPU(), 4) }

// NewPasswords returns a hasher with the given cost running at most slots checks at once
// (DefaultSlots when slots < 1). It panics on parameters Validate refuses: configuration
// is validated before.
func NewPasswords(params Argon2, slots int) *Passwords {
	if err := params.Validate(); err != nil {
		panic("account: " + err.Error())
	}
	if slots < 1 {
		slots = DefaultSlots()
	}
	p := &Passwords{params: params, slots: make(chan struct{}, slots), maxWait: int64(64 * slots), timeout: 10 * time.Second}
	p.dummy = sync.OnceValue(func() string {
		h, _ := p.hash("gongkai-timing-equaliser")
		return h
	})
	return p
}

var defaultPasswords = sync.OnceValue(func() *Passwords { return NewPasswords(DefaultArgon2(), 0) })

// DefaultPasswords is the hasher with the default cost, for callers without a configuration.
func DefaultPasswords() *Passwords { return defaultPasswords() }

// Params is the cost of new hashes.
func (p *Passwords) Params() Argon2 { return p.params }

// Slots is how many checks may run at once.
func (p *Passwords) Slots() int { return cap(p.slots) }

// Hash returns an argon2id PHC string for password. The password policy is not checked
// here (see CheckPolicy): accounts are created through the policy, hashes are not.
func (p *Passwords) Hash(ctx context.Context, password string) (string, error) {
	if len(password) > maxPasswordBytes {
		return "", apperr.New(apperr.Invalid, "密码过长")
	}
	release, err := p.acquire(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	return p.hash(password)
}

func (p *Passwords) hash(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("account: salt: %w", err)
	}
	a := p.params
	key := argon2.IDKey([]byte(password), salt, a.Time, a.MemoryKiB, a.Threads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, a.MemoryKiB, a.Time, a.Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

const (
	argonKeyLen      = 32
	maxPasswordBytes = 1024
)

// Check reports whether password matches the PHC hash, waiting for a free slot first.
// The error is ErrBusy (or the context's) when the check could not start.
func (p *Passwords) Check(ctx context.Context, hash, password string) (bool, error) {
	release, err := p.acquire(ctx)
	if err != nil {
		return false, err
	}
	defer release()
	p.checks.Add(1)
	return checkHash(hash, password), nil
}

// CheckUnknown spends the time of a real check, for user names that do not exist, so
// that they cannot be told from existing ones by timing. It always reports false.
func (p *Passwords) CheckUnknown(ctx context.Context, password string) (bool, error) {
	_, err := p.Check(ctx, p.dummy(), password)
	return false, err
}

// acquire waits for a slot, at most p.timeout, and refuses at once when too many wait.
func (p *Passwords) acquire(ctx context.Context) (func(), error) {
	select {
	case p.slots <- struct{}{}:
	default:
		if p.waiters.Add(1) > p.maxWait {
			p.waiters.Add(-1)
			return nil, ErrBusy
		}
		t := time.NewTimer(p.timeout)
		defer t.Stop()
		select {
		case p.slots <- struct{}{}:
			p.waiters.Add(-1)
		case <-t.C:
			p.waiters.Add(-1)
			return nil, ErrBusy
		case <-ctx.Done():
			p.waiters.Add(-1)
			return nil, ctx.Err()
		}
	}
	n := p.inFlight.Add(1)
	for {
		m := p.maxInFlight.Load()
		if n <= m || p.maxInFlight.CompareAndSwap(m, n) {
			break
		}
	}
	return func() {
		p.inFlight.Add(-1)
		<-p.slots
	}, nil
}

// Stats counts what the hasher did since it was made (for tests and monitoring).
type Stats struct {
	Checks      int64 // password checks run
	MaxInFlight int64 // most hashes or checks running at once
}

// Stats returns the counters.
func (p *Passwords) Stats() Stats {
	return Stats{Checks: p.checks.Load(), MaxInFlight: p.maxInFlight.Load()}
}

// HashPassword checks the password (ValidatePassword) and hashes it with the default
// cost. Callers that know the account check CheckPolicy first.
func HashPassword(password string) (string, error) {
	if err := ValidatePassword(password); err != nil {
		return "", err
	}
	return DefaultPasswords().Hash(context.Background(), password)
}

// CheckPassword checks with the default hasher's slots (the cost is the hash's own).
func CheckPassword(hash, password string) bool {
	ok, err := DefaultPasswords().Check(context.Background(), hash, password)
	return ok && err == nil
}

var errBadHash = errors.New("account: not an argon2id hash within bounds")

// parseHash reads a PHC argon2id string, refusing costs beyond the configurable bounds.
func parseHash(hash string) (a Argon2, salt, key []byte, err error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return a, nil, nil, errBadHash
	}
	var m, t, p uint32
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || p > maxArgonThreads {
		return a, nil, nil, errBadHash
	}
	a = Argon2{Time: t, MemoryKiB: m, Threads: uint8(p)}
	if a.Validate() != nil {
		return a, nil, nil, errBadHash
	}
	if salt, err = base64.RawStdEncoding.DecodeString(parts[4]); err != nil || len(salt) < 8 {
		return a, nil, nil, errBadHash
	}
	if key, err = base64.RawStdEncoding.DecodeString(parts[5]); err != nil || len(key) < 16 || len(key) > 64 {
		return a, nil, nil, errBadHash
	}
	return a, salt, key, nil
}

func checkHash(hash, password string) bool {
	a, salt, want, err := parseHash(hash)
	if err != nil || len(password) > maxPasswordBytes {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, a.Time, a.MemoryKiB, a.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// NeedsRehash reports whether hash was made with another cost than p's.
func (p *Passwords) NeedsRehash(hash string) bool {
	a, _, _, err := parseHash(hash)
	return err != nil || a != p.params
}
