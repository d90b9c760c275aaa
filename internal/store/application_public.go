package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
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
