package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/apperr"
)

// TrackToken is a short-lived proof, for the public portal, that its holder gave the
// application's query code: "<unix expiry>.<HMAC-SHA256>". The key is the stored hash of
// the query code, a server-side secret that never leaves the database, so any app server
// can check the token and no extra key has to be configured; the token dies at expiry, and
// with the code (were it ever changed).
func (a Application) TrackToken(expires time.Time) string {
	exp := strconv.FormatInt(expires.Unix(), 10)
	return exp + "." + a.trackMAC(exp)
}

// CheckTrackToken reports whether token is a TrackToken of the application that has not
// expired at now.
func (a Application) CheckTrackToken(token string, now time.Time) bool {
	exp, mac, ok := strings.Cut(token, ".")
	if !ok || a.queryHash == "" {
		return false
	}
	unix, err := strconv.ParseInt(exp, 10, 64)
	if err != nil || now.Unix() >= unix {
		return false
	}
	return hmac.Equal([]byte(mac), []byte(a.trackMAC(exp)))
}

func (a Application) trackMAC(exp string) string {
	m := hmac.New(sha256.New, []byte("gongkai-track-token:"+a.queryHash))
	m.Write([]byte(a.Tracking + "\x1f" + exp))
	return hex.EncodeToString(m.Sum(nil))
}

// dummyQueryHash stands in for the hash of an unknown tracking number, so a wrong number
// costs the same work as a wrong code.
var dummyQueryHash = hashQueryCode("gongkai: no such application")

// publicKey reads the id and query hash of a tracking number (the dummy hash and id 0 when
// there is none).
func publicKey(ctx context.Context, q Queryer, tracking string) (int64, string, error) {
	var id int64
	var hash string
	err := q.QueryRow(ctx, `SELECT id, query_hash FROM applications WHERE tracking = ?`, NormalizeTracking(tracking)).Scan(&id, &hash)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && hash == "") {
		return 0, dummyQueryHash, nil
	}
	if err != nil {
		return 0, "", fmt.Errorf("store: application by tracking: %w", err)
	}
	return id, hash, nil
}

var errPublicNotFound = apperr.New(apperr.NotFound, "查询号或查询码不正确")

// applicationForPublic is the application of a tracking number and query code, for the
// portal. An unknown number and a wrong code give the same error after the same work (one
// indexed read and one constant-time comparison); only the right pair loads the case.
func applicationForPublic(ctx context.Context, q Queryer, tracking, code string) (Application, error) {
	id, hash, err := publicKey(ctx, q, tracking)
	if err != nil {
		return Application{}, err
	}
	queryCodeChecks.Add(1)
	ok := subtle.ConstantTimeCompare([]byte(hashQueryCode(code)), []byte(hash)) == 1
	if !ok || id == 0 {
		return Application{}, errPublicNotFound
	}
	return applicationByID(ctx, q, id, false)
}

// applicationForToken is the application of a tracking number whose TrackToken the
// caller holds, valid at now; the same not-found error for an unknown number and a bad or
// expired token.
func applicationForToken(ctx context.Context, q Queryer, tracking, token string, now time.Time) (Application, error) {
	id, hash, err := publicKey(ctx, q, tracking)
	if err != nil {
		return Application{}, err
	}
	probe := Application{Tracking: NormalizeTracking(tracking), queryHash: hash}
	if !probe.CheckTrackToken(token, now) || id == 0 {
		return Application{}, errPublicNotFound
	}
	return applicationByID(ctx, q, id, false)
}
