#!/usr/bin/env bash
# Runs the benchmarks recorded in docs/benchmarks.md: the compliance rule engine (BenchmarkDotNet,
# against a baseline in the same run) and posting throughput on a private PostgreSQL cluster
# (through the Application against a raw-SQL baseline, in the same run), and document uploads with
# clamd against copying the same bytes with SHA-256, OCR through the engine pool against a shell loop
# of the tesseract command, and upload→posted latency through the Api against OCR alone.
#
#   ./build/bench.sh accuracy <folder> [--ocr-cache DIR] [--one-pass]   receipt OCR + field extraction against
#                                                          <folder>/labels.jsonl, and nothing else
#   ./build/bench.sh calibration <folder>... [--ocr-cache DIR]   reliability tables and the isotonic map per field,
#                                      the autopost threshold from the 1 % target; writes FittedCalibration.cs
#                                      and docs/images/autopost-tradeoff.png
#   ./build/bench.sh month <folder> [--ocr-cache DIR]    a business's receipts replayed in date order through the Api into a
#                                      fresh organisation, review approved as labelled; last line is JSON
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

if [ "${1:-}" = "accuracy" ]; then
  [ $# -ge 2 ] || { echo "usage: $0 accuracy <folder with labels.jsonl> [--ocr-cache DIR] [--one-pass]" >&2; exit 2; }
  apt_install tesseract-ocr tesseract-ocr-swe tesseract-ocr-eng poppler-utils
  # One thread per Tesseract call: the engine pool already runs one recognition per core.
  export OMP_THREAD_LIMIT=1
  folder="$(cd "$2" && pwd)"
  dotnet build "$ROOT/tests/Benchmarks" -c Release -v quiet -nologo >/dev/null
  log "receipt extraction accuracy on $folder"
  dotnet run -c Release --no-build --project "$ROOT/tests/Benchmarks" -- accuracy "$folder" "${@:3}"
  exit 0
fi

if [ "${1:-}" = "calibration" ]; then
  [ $# -ge 2 ] || { echo "usage: $0 calibration <folder with labels.jsonl>... [--ocr-cache DIR]" >&2; exit 2; }
  apt_install tesseract-ocr tesseract-ocr-swe tesseract-ocr-eng poppler-utils gnuplot-nox
  export OMP_THREAD_LIMIT=1
  args=()
  for arg in "${@:2}"; do
    if [ -d "$arg" ]; then args+=("$(cd "$arg" && pwd)"); else args+=("$arg"); fi
  done
  dotnet build "$ROOT/tests/Benchmarks" -c Release -v quiet -nologo >/dev/null
  log "confidence calibration on ${args[*]}"
  dotnet run -c Release --no-build --project "$ROOT/tests/Benchmarks" -- calibration "${args[@]}"
  exit 0
fi

source "$ROOT/build/lib/postgres.sh"
source "$ROOT/build/lib/clamd.sh"

if [ "${1:-}" = "month" ]; then
  [ $# -ge 2 ] || { echo "usage: $0 month <folder with labels.jsonl> [--ocr-cache DIR]" >&2; exit 2; }
  folder="$(cd "$2" && pwd)"
fi

RUN="$(mktemp -d /tmp/cl-bench.XXXXXX)"
chmod 755 "$RUN"
trap 'stop_clamd "$RUN"; stop_postgres "$RUN"; rm -rf "$RUN"' EXIT

# Every benchmark past the rule engine runs on a test database, whose settings name clamd (the
# upload path scans), so the services start first, all of them, before any benchmark needs one.
apt_install qpdf tesseract-ocr tesseract-ocr-swe tesseract-ocr-eng poppler-utils
# One OpenMP thread per Tesseract engine; the OCR pool runs one engine per core.
export OMP_THREAD_LIMIT=1
start_postgres "$RUN" 55499
start_clamd "$RUN" 53399

dotnet build "$ROOT/tests/Benchmarks" -c Release -v quiet -nologo >/dev/null
if [ "${1:-}" = "month" ]; then
  log "a business's month: $folder"
  dotnet run -c Release --no-build --project "$ROOT/tests/Benchmarks" -- month "$folder" "${@:3}" 2>/dev/null
  exit 0
fi
log "rule engine"
(cd "$RUN" && dotnet run -c Release --no-build --project "$ROOT/tests/Benchmarks" -- rules --job short --inProcess) | grep -E '^\|'
log "posting throughput"
dotnet run -c Release --no-build --project "$ROOT/tests/Benchmarks" -- posting
log "SIE export of 1,000,000 transaction lines"
dotnet run -c Release --no-build --project "$ROOT/tests/Benchmarks" -- sie
log "document uploads"
dotnet run -c Release --no-build --project "$ROOT/tests/Benchmarks" -- uploads
log "OCR throughput"
dotnet run -c Release --no-build --project "$ROOT/tests/Benchmarks" -- ocr
log "upload→posted latency, one receipt photo at a time"
dotnet run -c Release --no-build --project "$ROOT/tests/Benchmarks" -- latency 2>/dev/null | grep -E '^receipts='
