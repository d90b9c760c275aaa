#!/usr/bin/env bash
# Annual report reader (issue 3): reader.Read over a generated corpus of 10,000 reports on
# one core, beside the floor (the same bytes read and their lines counted), in MB per
# CPU-second and wall clock. GONGKAI_BENCH_REPORTS=2000 for a quick run. Results go to
# stdout and bench/out/reader.txt. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
mkdir -p bench/out
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee bench/out/reader.txt
go test ./internal/annualreport/reader/ -run XXX -bench 'ReadCorpus|Seed004|ReadFlat' -benchtime "${BENCHTIME:-3x}" -cpu 1 -timeout 30m 2>&1 | tee -a bench/out/reader.txt
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a bench/out/reader.txt
