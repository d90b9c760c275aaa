#!/usr/bin/env bash
# PDF reports (issue 12): reader.Read over generated PDF reports on one core, in pages per
# CPU-second, PDFium's one-time start excluded and measured on its own (cold: an empty
# wazero compilation cache; warm: the cache filled). Beside it, as a yardstick, poppler's
# `pdftotext -layout` over the same files (text only, no tables read). Needs chromium to
# print the PDFs and poppler-utils. GONGKAI_BENCH_PDFS=30 PDFs by default; fonts as in
# GONGKAI_BENCH_PDF_FONTS (see pdf_bench_test.go). Results: stdout and bench/out/pdf.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
export GONGKAI_TEST_CHROMIUM="${GONGKAI_TEST_CHROMIUM:-$(command -v chromium)}"
out=bench/out/pdf.txt
pdfs="$PWD/bench/out/pdf"
rm -rf "$pdfs" && mkdir -p "$pdfs"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out"
cache=$(mktemp -d)
echo "## one-time start, cold (empty compilation cache)" | tee -a "$out"
XDG_CACHE_HOME="$cache" GONGKAI_BENCH_PDFS=1 go test ./internal/annualreport/reader/ -run XXX -bench ReadPDF -benchtime 1x -cpu 1 -timeout 30m 2>&1 | grep Benchmark | tee -a "$out"
echo "## reading, warm start" | tee -a "$out"
XDG_CACHE_HOME="$cache" GONGKAI_BENCH_PDF_DIR="$pdfs" go test ./internal/annualreport/reader/ -run XXX -bench ReadPDF -benchtime "${BENCHTIME:-3x}" -cpu 1 -timeout 30m 2>&1 | grep -v '^goos\|^goarch\|^pkg\|^cpu' | tee -a "$out"
rm -rf "$cache"
pages=0
for f in "$pdfs"/*.pdf; do
  pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}')))
done
TIMEFORMAT='%U %S'
cpu=$( { time (for r in 1 2 3; do for f in "$pdfs"/*.pdf; do pdftotext -layout "$f" /dev/null; done; done) ; } 2>&1 )
echo "## poppler pdftotext -layout, same files, 3 rounds: $((pages * 3)) pages, CPU ${cpu/ /s user + }s sys" | tee -a "$out"
awk -v p=$((pages * 3)) -v c="$cpu" 'BEGIN { split(c, t, " "); printf "pdftotext: %.1f pages/cpu-s\n", p / (t[1] + t[2]) }' | tee -a "$out"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
