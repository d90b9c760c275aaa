package account

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"

	"gongkai/internal/apperr"
)

// The password rule, in the spirit of NIST SP 800-63B (5.1.1.2): a length that matters,
// no composition rules, and no password that is known to be common or that names the
// account. It applies when a password is set (a new user, a change), not at sign-in.

// MinPasswordLength is the shortest password accepted, in characters.
const MinPasswordLength = 10

//go:embed common_passwords.txt
var commonPasswordsText string

// commonPasswords is the shipped list, lower-cased.
var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, line := range strings.Split(commonPasswordsText, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			m[strings.ToLower(line)] = struct{}{}
		}
	}
	return m
})

// IsCommonPassword reports whether password is on the shipped list of common passwords.
func IsCommonPassword(password string) bool {
	_, ok := commonPasswords()[strings.ToLower(password)]
	return ok
}

// ValidatePassword checks what can be checked of a password without the account: its
// length, the list of common passwords, a password of one or two characters repeated.
func ValidatePassword(password string) error {
	switch {
	case utf8.RuneCountInString(password) < MinPasswordLength:
		return apperr.Newf(apperr.Invalid, "密码至少 %d 位", MinPasswordLength)
	case len(password) > maxPasswordBytes:
		return apperr.New(apperr.Invalid, "密码过长")
	case IsCommonPassword(password):
		return apperr.New(apperr.Invalid, "这个密码过于常见，很容易被猜中，请换一个")
	case distinctRunes(password) <= 2:
		return apperr.New(apperr.Invalid, "密码不能只由一两个字符重复组成，请换一个")
	}
	return nil
}

// CheckPolicy is the password rule for the account username: ValidatePassword, and not
// the user name itself, reversed, or containing it.
func CheckPolicy(username, password string) error {
	if err := ValidatePassword(password); err != nil {
		return err
	}
	u, p := strings.ToLower(strings.TrimSpace(username)), strings.ToLower(password)
	if u == "" {
		return nil
	}
	if p == u || p == reverse(u) || (utf8.RuneCountInString(u) >= 4 && strings.Contains(p, u)) {
		return apperr.New(apperr.Invalid, "密码不能是用户名或包含用户名，请换一个")
	}
	return nil
}

func distinctRunes(s string) int {
	seen := map[rune]bool{}
	for _, r := range s {
		seen[r] = true
		if len(seen) > 2 {
			break
		}
	}
	return len(seen)
}

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}
