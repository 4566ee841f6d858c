# start_radosgw RUNDIR PORT MONPORT: a single-node throwaway Ceph (one monitor, one in-memory OSD) with
# radosgw serving S3 (with Object Lock) on 127.0.0.1:PORT, auth off inside the cluster, one S3
# user; warmed up with a first lock-enabled bucket and object. Exports CLEANLEDGER_TEST_S3
# (endpoint;access key;secret key). stop_radosgw RUNDIR stops it. Recipe: shared platform notes §6.
start_radosgw() {
  local run="$1" port="$2" monport="$3" d="$1/ceph"
  apt_install radosgw ceph-mon ceph-osd ceph-common curl python3
  mkdir -p "$d"/{log,run,mon.a,osd.0,rgw.a}
  local fsid; fsid=$(cat /proc/sys/kernel/random/uuid)
  cat > "$d/ceph.conf" <<CONF
[global]
fsid = $fsid
mon host = v1:127.0.0.1:$monport
public addr = 127.0.0.1
ms bind msgr2 = false
auth cluster required = none
auth service required = none
auth client required = none
log file = $d/log/\$name.log
admin socket = $d/run/\$name.asok
pid file = $d/run/\$name.pid
run dir = $d/run
crash dir = $d/run
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
mon warn on pool no redundancy = false
osd pool default pg autoscale mode = off
osd pool default pg num = 8
osd pool default pgp num = 8
mon max pg per osd = 1000
osd crush chooseleaf type = 0
mon data avail warn = 2
mon data avail crit = 1
[mon.a]
mon data = $d/mon.a
[osd]
osd data = $d/\$name
osd objectstore = memstore
memstore device bytes = 1073741824
osd crush update on start = false
osd class update on start = false
osd class dir = /usr/lib/x86_64-linux-gnu/rados-classes
[client.rgw.a]
rgw data = $d/rgw.a
rgw frontends = beast endpoint=127.0.0.1:$port
rgw dns name = 127.0.0.1
CONF
  local c="-c $d/ceph.conf"
  ceph-authtool --create-keyring "$d/mon.keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  monmaptool --create --fsid "$fsid" --addv a "[v1:127.0.0.1:$monport]" "$d/monmap" >/dev/null
  ceph-mon $c --mkfs -i a --monmap "$d/monmap" --keyring "$d/mon.keyring"
  # Daemons get no terminal: a daemon holding CI's output open would keep the run from ending.
  ceph-mon $c -i a </dev/null >>"$d/log/daemons.out" 2>&1
  local osduuid; osduuid=$(cat /proc/sys/kernel/random/uuid)
  timeout 60 ceph $c osd new "$osduuid" >/dev/null
  ceph-osd $c -i 0 --mkfs --osd-uuid "$osduuid" 2>>"$d/log/mkfs.err"
  ceph $c osd crush add osd.0 1.0 root=default host=local >/dev/null 2>&1
  ceph-osd $c -i 0 </dev/null >>"$d/log/daemons.out" 2>&1
  until ceph $c osd dump 2>/dev/null | grep -q '^osd.0 up'; do sleep 0.2; done
  radosgw $c -n client.rgw.a </dev/null >>"$d/log/daemons.out" 2>&1
  until curl -s -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.2; done
  radosgw-admin $c user create --uid=cleanledger --display-name=cleanledger \
    --access-key=CLEANLEDGERTEST --secret-key=cleanledger-test-secret >/dev/null
  export CLEANLEDGER_TEST_S3="http://127.0.0.1:$port;CLEANLEDGERTEST;cleanledger-test-secret"
}

stop_radosgw() {
  local d="$1/ceph" n pid
  for n in client.rgw.a osd.0 mon.a; do
    [ -f "$d/run/$n.pid" ] || continue
    pid="$(cat "$d/run/$n.pid")"
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
