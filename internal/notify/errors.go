package notify

import (
	"errors"
	"strings"
)

type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// Permanent marks a failure that trying again cannot mend (the address refused, the
// number invalid): the message is given up at once, for staff to deliver it by hand.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err}
}

// IsPermanent reports whether err was marked Permanent.
func IsPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}

// Redact takes the recipient out of an error text (SMTP servers and SMS platforms echo
// addresses and numbers), so that what is logged and stored holds no applicant's contact,
// and bounds its length.
func Redact(text, recipient string) string {
	if recipient = strings.TrimSpace(recipient); recipient != "" {
		text = strings.ReplaceAll(text, recipient, "<收件人>")
	}
	if r := []rune(text); len(r) > 300 {
		text = string(r[:300]) + "…"
	}
	return text
}
