package web

import (
	"io"
	"log/slog"
	"strconv"
)

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func strconvI(i int64) string { return strconv.FormatInt(i, 10) }
