// Package apperr is gongkai's one error type: a code that decides the HTTP status and
// the exit code, a message in Chinese that is safe to show a user, and the wrapped cause
// that goes to the logs.
package apperr

import (
	"errors"
	"fmt"
)

// Code classifies an error.
type Code string

const (
	Invalid      Code = "invalid"      // bad input: the user can fix it
	NotFound     Code = "not_found"    // no such record, or not visible to this user
	Conflict     Code = "conflict"     // the record's state does not allow this
	Unauthorized Code = "unauthorized" // not signed in
	Forbidden    Code = "forbidden"    // signed in but not allowed
	TooMany      Code = "too_many"     // rate limited
	Internal     Code = "internal"     // a bug or an outage
)

// Error is an error with a code and a user-facing Chinese message.
type Error struct {
	Code    Code
	Message string // Simplified Chinese, safe to show to the user
	Err     error  // the cause, for logs; may be nil
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an error with the given code and user message.
func New(code Code, message string) error { return &Error{Code: code, Message: message} }

// Newf is New with a formatted message.
func Newf(code Code, format string, args ...any) error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap attaches a code and user message to a cause.
func Wrap(code Code, message string, err error) error {
	return &Error{Code: code, Message: message, Err: err}
}

// CodeOf returns the code of err, Internal when err carries none.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// MessageOf returns the user-safe message of err.
func MessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "系统内部错误，请稍后重试"
}

// Is reports whether err has the given code.
func Is(err error, code Code) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}

// httpStatus is the one map from code to HTTP status: every handler's refusal goes
// through HTTPStatus.
var httpStatus = map[Code]int{
	Invalid:      400, // Bad Request
	NotFound:     404, // Not Found
	Conflict:     409, // Conflict
	Unauthorized: 401, // Unauthorized
	Forbidden:    403, // Forbidden
	TooMany:      429, // Too Many Requests
	Internal:     500, // Internal Server Error
}

// HTTPStatus is the HTTP status of err: 200 for nil, 500 for an error without a code.
func HTTPStatus(err error) int {
	if err == nil {
		return 200
	}
	if s, ok := httpStatus[CodeOf(err)]; ok {
		return s
	}
	return 500
}

// Exit codes of the command line.
const (
	ExitOK      = 0 // success
	ExitFailure = 1 // the command failed (or found problems)
	ExitUsage   = 2 // the command line or its input is wrong: the user can fix it
)

// ExitCode is the process exit code of err: ExitOK for nil, ExitUsage for Invalid,
// ExitFailure for every other error.
func ExitCode(err error) int {
	switch {
	case err == nil:
		return ExitOK
	case CodeOf(err) == Invalid:
		return ExitUsage
	}
	return ExitFailure
}
