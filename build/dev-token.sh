#!/usr/bin/env bash
# Prints a development token for the installation ./build/run.sh runs (same database, same
# per-machine signing key): ./build/dev-token.sh --user UUID [--name NAME] [--org ORGID --role ROLE | --role admin]
# With --org it also makes the user a member with that role. Local only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/build/lib/local.sh"

dotnet build "$ROOT/src/Api" -c Release -v quiet -nologo >/dev/null
dotnet run --project "$ROOT/src/Api" -c Release --no-build --no-launch-profile -- dev-token "$@"
