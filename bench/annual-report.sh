#!/usr/bin/env bash
# The annual report at the size of a large agency (issue 10): one agency's report built and
# checked from 100,000 applications, 2,000 appeals and 1,000,000 catalog items of the year,
# and the government's summary of 50 such agencies, on SQLite and on PostgreSQL
# (GONGKAI_TEST_POSTGRES). Targets: under 1 s and under 10 s.
#
# The fixture (about 50 million catalog items in all) is built once with set-based SQL and
# kept: a SQLite file under GONGKAI_BENCH_DIR (default /tmp/gongkai-bench) and a schema
# bench_report_* in the PostgreSQL; building it takes long (see docs/benchmarks.md).
# GONGKAI_BENCH_SCALE=0.01 GONGKAI_BENCH_AGENCIES=3 makes a small one in seconds.
# BENCH=ReportDraft or BENCH=GovernmentSummary runs one benchmark; DIALECT=sqlite or
# DIALECT=postgres one database. Results go to stdout and bench/out/annual-report.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
mkdir -p bench/out
pattern="${BENCH:-.}"
if [ -n "${DIALECT:-}" ]; then
	pattern="${BENCH:-ReportDraft|GovernmentSummary}/${DIALECT}"
fi
{
	echo "# $(date -u +%FT%TZ) $(git rev-parse --short HEAD) load average: $(cut -d' ' -f1-3 /proc/loadavg)"
	go test ./bench/reportbench/ -run XXX -bench "$pattern" -benchtime "${BENCHTIME:-5x}" -timeout 600m
	echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee bench/out/annual-report.txt
