#!/usr/bin/env bash
# Runs CleanLedger on its embedded defaults: the Api on http://127.0.0.1:${API_PORT:-5080} and the
# Admin on http://127.0.0.1:${ADMIN_PORT:-5081}, environment "local", a SQLite file under ./data,
# stub sign-in. Both listen on this machine only: anyone who reaches the port acts as the stub
# owner, so API_HOST / ADMIN_HOST (e.g. 0.0.0.0) open them to the network on purpose only.
# Ctrl-C stops both.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

API_HOST="${API_HOST:-127.0.0.1}"
ADMIN_HOST="${ADMIN_HOST:-127.0.0.1}"
API_PORT="${API_PORT:-5080}"
ADMIN_PORT="${ADMIN_PORT:-5081}"
source "$ROOT/build/lib/local.sh"

# qpdf checks uploaded PDFs and the PDF reports embed DejaVu Sans; virus scanning is off in
# local (see README), so clamd is not needed.
apt_install qpdf fonts-dejavu-core tesseract-ocr tesseract-ocr-swe tesseract-ocr-eng poppler-utils
# One OpenMP thread per Tesseract engine; the OCR pool runs one engine per core.
export OMP_THREAD_LIMIT=1

log "building"
dotnet build "$ROOT/CleanLedger.sln" -c Release -v quiet -nologo >/dev/null

pids=()
stop() {
  trap - INT TERM EXIT
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

# Where to knock to see whether a host listening on $1 answers (a wildcard address is reached on loopback).
probe_host() { case "$1" in 0.0.0.0|"::"|"[::]") echo 127.0.0.1 ;; *) echo "$1" ;; esac; }

# The Api migrates the database on start, so the Admin starts once the Api answers.
dotnet run --project "$ROOT/src/Api" -c Release --no-build --no-launch-profile -- --urls "http://$API_HOST:$API_PORT" &
pids+=($!)
for _ in $(seq 1 120); do
  curl -fsS "http://$(probe_host "$API_HOST"):$API_PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "${pids[0]}" 2>/dev/null || { log "the Api did not start"; exit 1; }
  sleep 0.5
done
dotnet run --project "$ROOT/src/Admin" -c Release --no-build --no-launch-profile -- --urls "http://$ADMIN_HOST:$ADMIN_PORT" &
pids+=($!)

log "Api:   http://$API_HOST:$API_PORT  (OpenAPI /openapi/v1.json, Scalar UI /scalar)"
log "Admin: http://$ADMIN_HOST:$ADMIN_PORT"
log "Data:  $ROOT/data/cleanledger.db — Ctrl-C stops both"
wait -n "${pids[@]}"
