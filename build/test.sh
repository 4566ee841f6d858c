#!/usr/bin/env bash
# Installs what the tests need, starts a private throwaway PostgreSQL cluster, clamd and an S3 server
# with Object Lock (Ceph radosgw) and an OpenID Provider (npm oidc-provider), runs every test
# project and ends with one line "N passed, N failed". Exits non-zero on any failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/build/lib/postgres.sh"
source "$ROOT/build/lib/clamd.sh"
source "$ROOT/build/lib/radosgw.sh"
source "$ROOT/build/lib/oidc.sh"

RUN="$(mktemp -d /tmp/cl-test.XXXXXX)"
chmod 755 "$RUN"
cleanup() {
  stop_oidc_provider "$RUN"
  stop_radosgw "$RUN"
  stop_clamd "$RUN"
  stop_postgres "$RUN"
  rm -rf "$RUN"
}
trap cleanup EXIT

free_port() {
  local port
  for port in $(seq "$1" $(($1 + 100))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  return 1
}

log "starting PostgreSQL"
start_postgres "$RUN" "$(free_port 55433)"

log "installing qpdf (PDF checks), xmllint (eSKD DTD checks) and DejaVu fonts (PDF reports)"
apt_install qpdf libxml2-utils fonts-dejavu-core tesseract-ocr tesseract-ocr-swe tesseract-ocr-eng poppler-utils
# One OpenMP thread per Tesseract engine; the OCR pool runs one engine per core.
export OMP_THREAD_LIMIT=1

log "starting clamd"
start_clamd "$RUN" "$(free_port 53310)"

log "starting S3 with Object Lock (Ceph radosgw)"
start_radosgw "$RUN" "$(free_port 57480)" "$(free_port 56789)"

command -v npm >/dev/null || apt_install nodejs npm
log "starting the OpenID Provider (BankID broker and staff sign-in)"
start_oidc_provider "$RUN" "$(free_port 54011)"

log "installing the OpenAPI checkers"
(cd "$ROOT/tests/Api.Tests/openapi-check" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

log "building"
dotnet build "$ROOT/CleanLedger.sln" -c Release -v quiet -nologo

log "testing"
status=0
dotnet test "$ROOT/CleanLedger.sln" -c Release --no-build -v quiet -nologo \
  --logger "trx" --results-directory "$RUN/results" || status=$?

passed=0; failed=0; total=0
for trx in "$RUN"/results/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*' "$trx")"
  count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed)))
  total=$((total + $(count total)))
done
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$total" -gt 0 ]
