# start_clamd RUNDIR PORT: a private clamd on 127.0.0.1:PORT with a tiny local signature database
# (the EICAR test signature and ClamAV's own test file; freshclam cannot reach its mirrors here),
# exports CLEANLEDGER_TEST_CLAMD=127.0.0.1:PORT. stop_clamd RUNDIR stops it.
start_clamd() {
  local run="$1" port="$2" db="$1/clam/db"
  apt_install clamav clamav-daemon clamav-testfiles
  mkdir -p "$db"
  # The EICAR test string, kept base64 so no file in the repository carries it literally.
  echo 'WDVPIVAlQEFQWzRcUFpYNTQoUF4pN0NDKTd9JEVJQ0FSLVNUQU5EQVJELUFOVElWSVJVUy1URVNULUZJTEUhJEgrSCo=' | base64 -d > "$run/clam/eicar.txt"
  echo "Eicar-Test-Signature-Local:0:*:$(od -An -tx1 -v "$run/clam/eicar.txt" | tr -d ' \n')" > "$db/local.ndb"
  sigtool --md5 /usr/share/clamav-testfiles/clam.exe | sed 's/:clam.exe$/:ClamAV-Test-File-Local/' > "$db/local.hdb"
  cat > "$run/clam/clamd.conf" <<CONF
Foreground yes
DatabaseDirectory $db
TCPSocket $port
TCPAddr 127.0.0.1
PidFile $run/clam/clamd.pid
LogFile $run/clam/clamd.log
MaxThreads 4
StreamMaxLength 25M
Bytecode no
SelfCheck 0
CONF
  clamd --config-file="$run/clam/clamd.conf" </dev/null >/dev/null 2>&1 &
  for _ in $(seq 1 100); do
    [ "$(printf 'zPING\0' | timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port; cat >&3; head -c 4 <&3" 2>/dev/null)" = "PONG" ] && break
    sleep 0.2
  done
  export CLEANLEDGER_TEST_CLAMD="127.0.0.1:$port"
}

stop_clamd() {
  local pidfile="$1/clam/clamd.pid"
  [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
}
