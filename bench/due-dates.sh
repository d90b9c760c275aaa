#!/usr/bin/env bash
# Due-soon and overdue cases among 1,000,000 open applications in SQLite (issue 4). The
# fixture is built once per run (about two minutes); GONGKAI_BENCH_ROWS=20000 for a quick
# run. Results go to stdout and bench/out/due-dates.txt. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
mkdir -p bench/out
go test ./internal/store/ -run XXX -bench DueSoonAndOverdue -benchtime "${BENCHTIME:-50x}" -timeout 20m 2>&1 | tee bench/out/due-dates.txt
