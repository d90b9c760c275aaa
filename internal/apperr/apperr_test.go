package apperr

import (
	"errors"
	"fmt"
	"testing"
)

func TestHTTPStatusAndExitCode(t *testing.T) {
	for _, c := range []struct {
		err    error
		status int
		exit   int
	}{
		{nil, 200, 0},
		{New(Invalid, "x"), 400, 2},
		{fmt.Errorf("wrapped: %w", New(Invalid, "x")), 400, 2},
		{New(NotFound, "x"), 404, 1},
		{New(Conflict, "x"), 409, 1},
		{New(Unauthorized, "x"), 401, 1},
		{New(Forbidden, "x"), 403, 1},
		{New(TooMany, "x"), 429, 1},
		{New(Internal, "x"), 500, 1},
		{errors.New("plain"), 500, 1},
		{New(Code("unknown"), "x"), 500, 1},
	} {
		if got := HTTPStatus(c.err); got != c.status {
			t.Errorf("HTTPStatus(%v) = %d, want %d", c.err, got, c.status)
		}
		if got := ExitCode(c.err); got != c.exit {
			t.Errorf("ExitCode(%v) = %d, want %d", c.err, got, c.exit)
		}
	}
}
