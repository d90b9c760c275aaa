#!/usr/bin/env bash
# Catalog portal under load (issue 5): gongkai's item page against the same page served by
# nginx, and gongkai's search page, over a SQLite database of 1,000,000 published items.
# Loopback only; every load run is bounded in requests and time. Results go to stdout and
# bench/out/catalog-portal.txt. Extra arguments go to the Go program (see -h), e.g. -d 30s.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "bench: installing Debian's nginx"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends nginx-light >/dev/null 2>&1 || apt-get install -y -qq --no-install-recommends nginx >/dev/null
fi
mkdir -p bench/out
go run ./bench/catalogload "$@" 2>&1 | tee bench/out/catalog-portal.txt
