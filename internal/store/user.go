package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
)

// userView is what the audit log records of a user: never the password hash.
type userView struct {
	ID          int64  `json:"id"`
	AgencyID    int64  `json:"agency_id"`
	Username    string `json:"username"`
	DisplayName string `json:"display_name"`
	Roles       string `json:"roles"`
	Disabled    bool   `json:"disabled"`
}

func viewOf(u *account.User) userView {
	return userView{u.ID, u.AgencyID, u.Username, u.DisplayName, account.JoinRoles(u.Roles), u.Disabled}
}

// createUser adds a user with an already hashed password, audited.
func createUser(ctx context.Context, tx *Tx, who account.Principal, u *account.User) error {
	u.Username = strings.TrimSpace(u.Username)
	u.DisplayName = strings.TrimSpace(u.DisplayName)
	switch {
	case u.Username == "":
		return apperr.New(apperr.Invalid, "用户名不能为空")
	case strings.ContainsAny(u.Username, " \t\r\n"):
		return apperr.New(apperr.Invalid, "用户名不能包含空白字符")
	case u.DisplayName == "":
		return apperr.New(apperr.Invalid, "姓名不能为空")
	case len(u.Roles) == 0:
		return apperr.New(apperr.Invalid, "至少需要一个角色")
	case u.PasswordHash == "":
		return apperr.New(apperr.Invalid, "密码不能为空")
	}
	id, err := Insert(ctx, tx, `INSERT INTO users (agency_id, username, display_name, password_hash, roles, email, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		u.AgencyID, u.Username, u.DisplayName, u.PasswordHash, account.JoinRoles(u.Roles), u.Email, boolInt(u.Disabled), FormatTime(time.Now()))
	if err != nil {
		if IsUniqueViolation(err) {
			return apperr.Newf(apperr.Conflict, "用户名“%s”已被使用", u.Username)
		}
		if IsForeignKeyViolation(err) {
			return apperr.New(apperr.Invalid, "所属机关不存在")
		}
		return fmt.Errorf("store: create user: %w", err)
	}
	u.ID = id
	_, err = Audit(ctx, tx, change(who, "user.create", "user", id, u.AgencyID, nil, viewOf(u), ""))
	return err
}

// setUserDisabled enables or disables a user, audited; disabling ends their sessions.
func setUserDisabled(ctx context.Context, tx *Tx, who account.Principal, id int64, disabled bool) error {
	u, err := UserByID(ctx, tx, id)
	if err != nil {
		return err
	}
	before := viewOf(&u)
	u.Disabled = disabled
	if _, err := tx.Exec(ctx, `UPDATE users SET disabled = ? WHERE id = ?`, boolInt(disabled), id); err != nil {
		return fmt.Errorf("store: disable user: %w", err)
	}
	if disabled {
		if _, err := tx.Exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
			return fmt.Errorf("store: end sessions: %w", err)
		}
	}
	_, err = Audit(ctx, tx, change(who, "user.update", "user", id, u.AgencyID, before, viewOf(&u), ""))
	return err
}

// setUserPassword replaces a user's password hash, audited (without the hash), and ends
// their sessions.
func setUserPassword(ctx context.Context, tx *Tx, who account.Principal, id int64, hash string) error {
	u, err := UserByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, id); err != nil {
		return fmt.Errorf("store: set password: %w", err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
		return fmt.Errorf("store: end sessions: %w", err)
	}
	_, err = Audit(ctx, tx, change(who, "user.password", "user", id, u.AgencyID, nil, map[string]string{"password": "已修改"}, ""))
	return err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

const userColumns = `id, agency_id, username, display_name, password_hash, roles, email, disabled`

func scanUser(sc interface{ Scan(...any) error }) (account.User, error) {
	var u account.User
	var roles string
	var disabled int
	err := sc.Scan(&u.ID, &u.AgencyID, &u.Username, &u.DisplayName, &u.PasswordHash, &roles, &u.Email, &disabled)
	u.Roles = account.SplitRoles(roles)
	u.Disabled = disabled != 0
	return u, err
}

// UserByID finds a user.
func UserByID(ctx context.Context, q Queryer, id int64) (account.User, error) {
	u, err := scanUser(q.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	return u, notFound(err, "用户不存在")
}

// UserByUsername finds a user by user name.
func UserByUsername(ctx context.Context, q Queryer, username string) (account.User, error) {
	u, err := scanUser(q.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE username = ?`, username))
	return u, notFound(err, "用户不存在")
}

// listUsers lists the users of the given agencies (all when none given).
func listUsers(ctx context.Context, qr Queryer, agencyIDs ...int64) ([]account.User, error) {
	q := `SELECT ` + userColumns + ` FROM users`
	var args []any
	if len(agencyIDs) > 0 {
		q += ` WHERE agency_id IN (` + placeholders(len(agencyIDs)) + `)`
		for _, id := range agencyIDs {
			args = append(args, id)
		}
	}
	rows, err := qr.Query(ctx, q+` ORDER BY agency_id, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	defer rows.Close()
	var out []account.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// Session is a signed-in browser.
type Session struct {
	Principal account.Principal
	CSRFToken string
	ExpiresAt time.Time
}

// SessionTTL is how long a session lasts without activity.
const SessionTTL = 12 * time.Hour

// SessionMaxAge is how long a session lasts at most, active or not.
const SessionMaxAge = 7 * 24 * time.Hour

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// RandomToken returns n random bytes, URL-safe base64 encoded.
func RandomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// CreateSession starts a session for user and returns the cookie token.
func (db *DB) CreateSession(ctx context.Context, userID int64) (token string, err error) {
	token = RandomToken(32)
	now := time.Now()
	err = db.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM sessions WHERE expires_at < ?`, FormatTime(now)); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			hashToken(token), userID, RandomToken(32), FormatTime(now), FormatTime(now.Add(SessionTTL)))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("store: create session: %w", err)
	}
	return token, nil
}

// SessionByToken returns the live session of a cookie token with its principal.
func (db *DB) SessionByToken(ctx context.Context, token string) (Session, error) {
	var s Session
	var expires, created, roles string
	var disabled int
	err := db.QueryRow(ctx, `SELECT s.csrf_token, s.created_at, s.expires_at, u.id, u.display_name, u.agency_id, a.government_id, u.roles, u.disabled
		FROM sessions s JOIN users u ON u.id = s.user_id JOIN agencies a ON a.id = u.agency_id
		WHERE s.token_hash = ?`, hashToken(token)).Scan(&s.CSRFToken, &created, &expires, &s.Principal.UserID, &s.Principal.Name, &s.Principal.AgencyID, &s.Principal.GovernmentID, &roles, &disabled)
	if err != nil {
		return s, notFound(err, "会话已失效，请重新登录")
	}
	s.ExpiresAt, _ = ParseTime(expires)
	createdAt, _ := ParseTime(created)
	if disabled != 0 || time.Now().After(s.ExpiresAt) || time.Since(createdAt) > SessionMaxAge {
		return s, apperr.New(apperr.NotFound, "会话已失效，请重新登录")
	}
	s.Principal.Roles = account.SplitRoles(roles)
	// Sliding expiry, written at most every few minutes.
	if time.Until(s.ExpiresAt) < SessionTTL-5*time.Minute {
		db.Exec(ctx, `UPDATE sessions SET expires_at = ? WHERE token_hash = ?`, FormatTime(time.Now().Add(SessionTTL)), hashToken(token))
	}
	return s, nil
}

// DeleteSession ends a session (sign-out).
func (db *DB) DeleteSession(ctx context.Context, token string) error {
	_, err := db.Exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, hashToken(token))
	return err
}

// RateReset forgets a bucket (e.g. after a successful sign-in).
func (db *DB) RateReset(ctx context.Context, bucket string) error {
	_, err := db.Exec(ctx, `DELETE FROM rate_events WHERE bucket = ?`, bucket)
	return err
}
