# start_oidc_provider RUNDIR PORT: a certified OpenID Provider (npm oidc-provider, tests/oidc-provider)
# on 127.0.0.1:PORT that stands in for the BankID broker and the staff identity provider; exports
# CLEANLEDGER_TEST_OIDC=http://127.0.0.1:PORT. stop_oidc_provider RUNDIR stops it.
start_oidc_provider() {
  local run="$1" port="$2" dir="$ROOT/tests/oidc-provider"
  command -v npm >/dev/null || apt_install nodejs npm
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  mkdir -p "$run/oidc"
  node "$dir/server.mjs" "$port" </dev/null >"$run/oidc/provider.log" 2>&1 &
  echo $! > "$run/oidc/provider.pid"
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  export CLEANLEDGER_TEST_OIDC="http://127.0.0.1:$port"
}

stop_oidc_provider() {
  local pidfile="$1/oidc/provider.pid"
  [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
}
