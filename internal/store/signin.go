package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
)

// Limits on guessing. Every attempt is reserved in the database before the password or
// query code is checked (RateReserve), so concurrent attempts cannot all see the old count;
// a right answer takes its reservation back.
var (
	// SignInPerUser: failed sign-ins of one user name (a success forgets them).
	SignInPerUser = RateLimit{Max: 5, Window: 15 * time.Minute}
	// SignInPerAddress: failed sign-ins from one address, whatever the names.
	SignInPerAddress = RateLimit{Max: 20, Window: 15 * time.Minute}
	// PasswordChangePerUser: wrong current passwords when changing one's password.
	PasswordChangePerUser = RateLimit{Max: 5, Window: 15 * time.Minute}
	// TrackPerNumber: wrong query codes for one tracking number.
	TrackPerNumber = RateLimit{Max: 10, Window: 15 * time.Minute}
	// TrackPerAddress: different tracking numbers tried and failed from one address; an
	// address is locked out only after many different numbers.
	TrackPerAddress = RateLimit{Max: 20, Window: 15 * time.Minute, Distinct: true}
)

var (
	errSignInLimited = apperr.New(apperr.TooMany, "登录失败次数过多，请 15 分钟后再试")
	errSignInWrong   = apperr.New(apperr.Unauthorized, "用户名或密码错误")
	errTrackNumber   = apperr.New(apperr.TooMany, "该查询号查询错误次数过多，请15分钟后再试")
	errTrackAddress  = apperr.New(apperr.TooMany, "查询错误次数过多，请15分钟后再试")
)

func limit(l RateLimit, bucket, subject string) RateLimit {
	l.Bucket, l.Subject = bucket, subject
	return l
}

// digest names a rate-limit subject without storing it (addresses, tracking numbers).
func digest(what, s string) string {
	sum := sha256.Sum256([]byte("gongkai-rate:" + what + ":" + s))
	return hex.EncodeToString(sum[:12])
}

// SetPasswords sets the hasher (cost, slots) the doors check and hash passwords with;
// account.DefaultPasswords() until set.
func (db *DB) SetPasswords(p *account.Passwords) { db.passwords = p }

// Passwords is the hasher the doors use.
func (db *DB) Passwords() *account.Passwords {
	if db.passwords == nil {
		return account.DefaultPasswords()
	}
	return db.passwords
}

// SignIn checks a user name and password under the sign-in limits and starts a session.
// address identifies the client for the per-address limit (any stable string; it is
// stored only as a digest). Errors: apperr.TooMany past a limit or when every password
// slot stays busy, apperr.Unauthorized for a wrong name or password — the same for both.
func (s *Users) SignIn(ctx context.Context, username, password, address string) (string, account.User, error) {
	db, err := s.outsideTx()
	if err != nil {
		return "", account.User{}, err
	}
	pw := db.Passwords()
	username = strings.TrimSpace(username)
	res, ok, err := db.RateReserve(ctx,
		limit(SignInPerUser, "login:user:"+digest("user", strings.ToLower(username)), ""),
		limit(SignInPerAddress, "login:ip:"+digest("ip", address), ""))
	if err != nil {
		return "", account.User{}, err
	}
	if !ok {
		return "", account.User{}, errSignInLimited
	}
	u, err := UserByUsername(ctx, db, username)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		db.RateRelease(ctx, res)
		return "", account.User{}, err
	}
	var right bool
	if err != nil {
		right, err = pw.CheckUnknown(ctx, password)
	} else {
		right, err = pw.Check(ctx, u.PasswordHash, password)
	}
	if err != nil {
		// The check did not run (busy): the attempt does not count.
		db.RateRelease(ctx, res)
		return "", account.User{}, err
	}
	if !right || u.Disabled {
		return "", account.User{}, errSignInWrong
	}
	if err := db.RateRelease(ctx, res); err != nil {
		return "", account.User{}, err
	}
	if err := db.RateReset(ctx, "login:user:"+digest("user", strings.ToLower(username))); err != nil {
		return "", account.User{}, err
	}
	token, err := db.CreateSession(ctx, u.ID)
	if err != nil {
		return "", account.User{}, err
	}
	return token, u, nil
}

// checkOwnPassword checks user u's current password under PasswordChangePerUser: the
// attempt is reserved before the check, and taken back when the password is right.
func (db *DB) checkOwnPassword(ctx context.Context, u account.User, password string) error {
	res, ok, err := db.RateReserve(ctx, limit(PasswordChangePerUser, "password:user:"+digest("user", u.Username), ""))
	if err != nil {
		return err
	}
	if !ok {
		return apperr.New(apperr.TooMany, "尝试次数过多，请 15 分钟后再试")
	}
	right, err := db.Passwords().Check(ctx, u.PasswordHash, password)
	if err != nil {
		db.RateRelease(ctx, res)
		return err
	}
	if !right {
		return account.ErrWrongPassword
	}
	return db.RateRelease(ctx, res)
}

// HashNewPassword checks a new password for the account username against the password
// rule (account.CheckPolicy) and hashes it, in a password slot.
func (s *Users) HashNewPassword(ctx context.Context, username, password string) (string, error) {
	if err := account.CheckPolicy(username, password); err != nil {
		return "", err
	}
	return s.passwords().Hash(ctx, password)
}

func (s service) passwords() *account.Passwords {
	if s.db != nil {
		return s.db.Passwords()
	}
	return account.DefaultPasswords()
}

// outsideTx is the DB of a door that must commit on its own before it goes on (a limit's
// reservation is committed before the check it guards).
func (s service) outsideTx() (*DB, error) {
	if s.db == nil {
		return nil, fmt.Errorf("store: this use case cannot run inside another transaction")
	}
	return s.db, nil
}

// queryCodeChecks counts query-code comparisons (tests prove the limits bound them).
var queryCodeChecks atomic.Int64

// QueryCodeChecks is how many query codes were compared since the process started.
func QueryCodeChecks() int64 { return queryCodeChecks.Load() }

// SignIn is the portal's query of an application — ForPublic under the tracking limits:
// per tracking number, and per address once it has failed with many different numbers.
// Errors: apperr.TooMany past a limit, apperr.NotFound for a wrong number or code (the
// same for both).
func (s *Applications) SignIn(ctx context.Context, tracking, code, address string) (Application, error) {
	db, err := s.outsideTx()
	if err != nil {
		return Application{}, err
	}
	number := digest("tracking", NormalizeTracking(tracking))
	perNumber := limit(TrackPerNumber, "track:no:"+number, "")
	perAddress := limit(TrackPerAddress, "track:ip:"+digest("ip", address), number)
	res, ok, err := db.RateReserve(ctx, perNumber, perAddress)
	if err != nil {
		return Application{}, err
	}
	if !ok {
		// Which limit: a second look, read-only, for the message.
		if n, err := db.rateCount(ctx, perNumber.Bucket, perNumber.Window); err == nil && n >= perNumber.Max {
			return Application{}, errTrackNumber
		}
		return Application{}, errTrackAddress
	}
	a, err := applicationForPublic(ctx, db, tracking, code)
	if err != nil {
		if !apperr.Is(err, apperr.NotFound) {
			db.RateRelease(ctx, res)
		}
		return Application{}, err
	}
	if err := db.RateRelease(ctx, res); err != nil {
		return Application{}, err
	}
	return a, nil
}

func (db *DB) rateCount(ctx context.Context, bucket string, window time.Duration) (int, error) {
	var n int
	err := db.QueryRow(ctx, `SELECT COUNT(*) FROM rate_events WHERE bucket = ? AND at >= ?`, bucket, FormatTime(time.Now().Add(-window))).Scan(&n)
	return n, err
}

// ReserveApplication reserves one online submission of an address under perAddress;
// release it when the submission is refused. ok is false when the address is at the limit.
func (db *DB) ReserveApplication(ctx context.Context, perAddress RateLimit, address string) (Reservation, bool, error) {
	return db.RateReserve(ctx, limit(perAddress, "apply:"+digest("ip", address), ""))
}
