# The embedded local installation ./build/run.sh runs and ./build/dev-token.sh signs tokens for:
# environment "local", the books in a SQLite file under ./data, documents beside them, and the
# development signing key this machine generates on first run (never in the repository).
mkdir -p "$ROOT/data"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-local}"
export Database__Provider=Sqlite
export Database__ConnectionString="Data Source=$ROOT/data/cleanledger.db"
export Documents__LocalStorePath="$ROOT/data/documents"
export Auth__DevSigningKeyFile="$ROOT/data/dev-signing-key"
