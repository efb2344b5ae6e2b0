#!/usr/bin/env bash
# test-local.sh: the playbooks for real, on this machine. site.yml installs the tarball built by
# `mvn package` (deploy/target/bigfs-*.tar.gz) on three inventory hosts with
# ansible_connection=local, each with its own directory (bfs_prefix) under one work directory,
# and starts a master and a chunkserver on each, with their own ports on 127.0.0.1, in
# supervisor mode (`bfs daemon`). Then:
#   - `bfs admin nodes` lists 3 LIVE chunkservers; a file put and got back is the same;
#   - site.yml run again changes nothing and starts nothing twice;
#   - the monitoring role wrote a Prometheus targets file whose targets answer /metrics (and
#     that promtool accepts, where promtool is installed);
#   - rolling-restart.yml restarts every server while a reader (one `bfs shell`) gets the file
#     every two seconds: no get may fail or differ; every server has a new pid afterwards;
#     fsck is clean;
#   - stop.yml stops everything, by pid.
# Whatever happens, the exit trap stops the reader and every server by pid and deletes the work
# directory (BFS_TEST_KEEP=1 keeps it). Needs ansible-playbook, python3, curl and Java 17 (at
# $JAVA_HOME, else on the PATH). .ci/run runs it after the test suite; so does mvn verify
# -Dbfs.ansible.deploy=true (AnsiblePlaybookTest) where ansible is installed.
#
#   deploy/ansible/test-local.sh [TARBALL]     (default: the one `mvn package` built in deploy/target)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export ANSIBLE_CONFIG="$here/ansible.cfg"
# Ansible refuses to run in a locale that is not UTF-8 (say LC_ALL=C); C.UTF-8 is on every Debian.
export LC_ALL=C.UTF-8
# No local cache of files read: every get goes to the chunkservers, and nothing lands in ~/.cache.
export BFS_CACHE_SIZE=0

if [ $# -gt 0 ]; then
  tarballs=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")")
else
  shopt -s nullglob
  tarballs=("$repo"/deploy/target/bigfs-*.tar.gz)
  shopt -u nullglob
fi
if [ ${#tarballs[@]} -ne 1 ] || [ ! -f "${tarballs[0]}" ]; then
  echo "test-local.sh: expected one tarball, found '${tarballs[*]}': run 'mvn package -DskipTests' first" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/bfs-ansible-test.XXXXXX")"
started_s=$SECONDS
reader_pid=""
feeder_pid=""

say() {
  printf '[test-local %3ds] %s\n' $((SECONDS - started_s)) "$*"
}

# The exit trap: the reader, then every server whose pid file is left, stopped by its pid.
cleanup() {
  local code=$?
  trap - EXIT
  if [ -n "$reader_pid" ]; then
    touch "$work/stop-reader"
    for _ in $(seq 30); do kill -0 "$reader_pid" 2>/dev/null || break; sleep 1; done
    kill $feeder_pid "$reader_pid" 2>/dev/null || true
  fi
  local pid_file host server
  for pid_file in "$work"/*/run/bigfs/*.pid; do
    [ -e "$pid_file" ] || continue
    host="${pid_file#"$work"/}"; host="${host%%/*}"
    server="$(basename "$pid_file" .pid)"
    "$work/$host/opt/bigfs/current/bin/bfs" daemon stop "$server" --conf "$work/$host/etc/bigfs/$server.properties" \
      --pid-file "$pid_file" --grace 10 || true
  done
  if [ $code -ne 0 ]; then
    for log in "$work"/*/var/log/bigfs/*.log; do
      [ -e "$log" ] || continue
      echo "----- the end of $log" >&2
      tail -n 30 "$log" >&2
    done
    say "FAILED (exit code $code)" >&2
  fi
  if [ "${BFS_TEST_KEEP:-}" = 1 ]; then
    say "kept $work"
  else
    rm -rf "$work"
  fi
  exit $code
}
trap cleanup EXIT
# Killed (say by the test's deadline): still run the exit trap.
trap 'exit 143' TERM
trap 'exit 130' INT

fail() {
  echo "test-local.sh: $*" >&2
  exit 1
}

# Fifteen ports free on 127.0.0.1 right now: three per master, two per chunkserver.
read -r -a ports <<< "$(python3 -c '
import socket
socks = [socket.socket() for _ in range(15)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
')"

mkdir -p "$work/inventory"
cat > "$work/inventory/hosts.yml" <<EOF
all:
  vars:
    ansible_connection: local
    ansible_python_interpreter: "$(command -v python3)"
    bfs_service_manager: supervisor
    bfs_install_java: false
    bfs_java_home: "${JAVA_HOME:-}"
    bfs_create_user: false
    bfs_become: false
    bfs_user: "$(id -un)"
    bfs_group: "$(id -gn)"
    bfs_dist_tarball: "${tarballs[0]}"
    bfs_prefix: "$work/{{ inventory_hostname }}"
    bfs_host: 127.0.0.1
    bfs_http_host: 127.0.0.1
    bfs_stop_grace_seconds: 15
    bfs_ready_timeout_seconds: 90
    bfs_restart_wait_seconds: 120
    # Six servers and a reader share a small machine: small heaps, C1 only, the serial collector.
    bfs_master_java_opts: "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
    bfs_chunkserver_java_opts: "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
    # 1 MiB chunks: the test file spans several chunks, on every chunkserver.
    bfs_master_config:
      master.default.chunk.size: 1m
    bfs_monitoring_source_dir: "$repo/monitoring"
    bfs_monitoring_owner: "$(id -un)"
  children:
    # Three hosts, each running a master and a chunkserver (a host may be in both groups): half
    # the installs of six hosts, and the roles must keep the two servers of a host apart.
    masters:
      hosts:
        h1: {bfs_master_rpc_port: ${ports[0]}, bfs_master_raft_port: ${ports[1]}, bfs_master_http_port: ${ports[2]}}
        h2: {bfs_master_rpc_port: ${ports[3]}, bfs_master_raft_port: ${ports[4]}, bfs_master_http_port: ${ports[5]}}
        h3: {bfs_master_rpc_port: ${ports[6]}, bfs_master_raft_port: ${ports[7]}, bfs_master_http_port: ${ports[8]}}
    chunkservers:
      hosts:
        h1: {bfs_chunkserver_port: ${ports[9]}, bfs_chunkserver_http_port: ${ports[10]}, bfs_rack: r1}
        h2: {bfs_chunkserver_port: ${ports[11]}, bfs_chunkserver_http_port: ${ports[12]}, bfs_rack: r2}
        h3: {bfs_chunkserver_port: ${ports[13]}, bfs_chunkserver_http_port: ${ports[14]}, bfs_rack: r1}
    monitoring:
      hosts:
        mon: {}
EOF
masters="127.0.0.1:${ports[0]},127.0.0.1:${ports[3]},127.0.0.1:${ports[6]}"
servers=(h1/master h2/master h3/master h1/chunkserver h2/chunkserver h3/chunkserver)

playbook() {
  local name="$1"
  shift
  local log="$work/$name.log"
  say "ansible-playbook $name $*"
  local begin=$SECONDS
  if ! ansible-playbook -i "$work/inventory/hosts.yml" "$here/$name" "$@" > "$log" 2>&1; then
    cat "$log" >&2
    fail "ansible-playbook $name failed"
  fi
  say "$name took $((SECONDS - begin)) s"
}

bfs() {
  "$work/h1/opt/bigfs/current/bin/bfs" --masters "$masters" "$@"
}

# The pid of each server, "host/server=pid" sorted.
pids() {
  local s
  for s in "${servers[@]}"; do
    echo "$s=$(cat "$work/${s%/*}/run/bigfs/${s#*/}.pid")"
  done
}

# Whether process $1 runs: it exists and is not a zombie (one nobody has reaped yet has ended).
running() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [ "${stat%% *}" != Z ]
}

# Fails unless `bfs admin nodes` lists three LIVE chunkservers; says which.
check_nodes_live() {
  local live
  live="$(bfs admin nodes --json | python3 -c '
import json, sys
print(" ".join(n["address"] for n in json.load(sys.stdin)["nodes"] if n["state"] == "LIVE"))')"
  [ "$(wc -w <<< "$live")" = 3 ] || fail "bfs admin nodes lists these LIVE chunkservers, not 3: $live"
  say "bfs admin nodes: LIVE $live"
}

# --- Install and start ---
playbook site.yml
bfs admin masters
check_nodes_live

# --- A round trip ---
head -c 2500000 /dev/urandom > "$work/data.bin"
bfs put "$work/data.bin" /data.bin
bfs get /data.bin "$work/back.bin"
cmp "$work/data.bin" "$work/back.bin" || fail "the file got back differs from the file put"
say "put and get: the same $(stat -c %s "$work/data.bin") bytes"

# --- Idempotent: a second run changes nothing, starts nothing ---
before="$(pids)"
playbook site.yml
[ "$(pids)" = "$before" ] || fail "the second site.yml run changed pids: $before -> $(pids)"
grep -E '^(h[123]|mon) +:' "$work/site.yml.log" | grep -v 'changed=0' && fail "the second site.yml run changed something"
say "second site.yml run: nothing changed, same pids"

# --- Monitoring: a targets file whose targets answer ---
targets_file="$work/mon/etc/prometheus/file_sd/bigfs-bigfs.json"
read -r -a targets <<< "$(python3 -c '
import json, sys
groups = json.load(open(sys.argv[1]))
jobs = sorted(g["labels"]["job"] for g in groups)
assert jobs == ["bigfs-chunkserver"] * 3 + ["bigfs-master"] * 3, jobs
print(" ".join(t for g in groups for t in g["targets"]))' "$targets_file")" || fail "$targets_file is not as expected"
[ ${#targets[@]} = 6 ] || fail "$targets_file lists ${targets[*]}, not 6 targets"
for t in "${targets[@]}"; do
  # Not piped into grep -q: curl would fail on the pipe grep closes at the first match.
  curl -fsS -o "$work/metrics.txt" "http://$t/metrics" || fail "http://$t/metrics does not answer"
  grep -q '^bfs_' "$work/metrics.txt" || fail "http://$t/metrics has no bfs_ metric"
done
[ -f "$work/mon/etc/grafana/provisioning/dashboards/bigfs.yml" ] || fail "no Grafana provisioning file"
if command -v promtool > /dev/null; then
  promtool check config "$work/mon/etc/prometheus/prometheus.yml" > "$work/promtool.log" 2>&1 ||
    { cat "$work/promtool.log" >&2; fail "promtool rejects the Prometheus files the monitoring role installed"; }
  promtool_said="promtool accepts prometheus.yml"
else
  promtool_said="promtool not installed, not checked"
fi
say "the 6 Prometheus targets answer /metrics; $promtool_said"

# --- Rolling restart under a reader ---
# The reader is one `bfs shell`: one client for the whole restart, as an application has. Every
# two seconds the feeder has it get the file into a new local file (written under a temporary name,
# renamed when whole) and checks the copies done so far; a failed get prints a `bfs:` line.
mkdir "$work/reads"
touch "$work/reads.ok"
mkfifo "$work/reader.fifo"
BFS_HISTORY="$work/reader.history" "$work/h1/opt/bigfs/current/bin/bfs" --masters "$masters" shell \
  < "$work/reader.fifo" > "$work/reader.out" 2> "$work/reader.err" &
reader_pid=$!

# Deletes each finished copy that equals the file (a line in reads.ok); keeps a bad one as *.bad.
check_reads() {
  local copy
  for copy in "$work"/reads/*.bin; do
    [ -e "$copy" ] || continue
    if cmp -s "$work/data.bin" "$copy"; then
      rm -f "$copy"
      echo "$copy" >> "$work/reads.ok"
    else
      mv "$copy" "$copy.bad"
    fi
  done
}

feeder() {
  local n=0
  while [ ! -e "$work/stop-reader" ]; do
    n=$((n + 1))
    echo "get -f /data.bin $work/reads/$n.bin"
    echo "$n" > "$work/reader.count"
    sleep 2
    check_reads
  done
  echo exit
}
feeder > "$work/reader.fifo" &
feeder_pid=$!

before="$(pids)"
playbook rolling-restart.yml
touch "$work/stop-reader"
wait "$feeder_pid" || true
feeder_pid=""
# The shell exits once it has run every get it was sent.
for _ in $(seq 60); do kill -0 "$reader_pid" 2>/dev/null || break; sleep 1; done
kill -0 "$reader_pid" 2>/dev/null && fail "the reader has not finished its gets 60 s after the rolling restart"
wait "$reader_pid" || true
reader_pid=""
check_reads
sent="$(cat "$work/reader.count")"
whole="$(wc -l < "$work/reads.ok")"
if grep -q '^bfs:' "$work/reader.err" || [ "$whole" != "$sent" ]; then
  cat "$work/reader.err" >&2
  ls "$work/reads" >&2
  fail "the reader got $whole whole copies of the $sent it asked for during the rolling restart"
fi
[ "$sent" -ge 10 ] || fail "the reader read only $sent times during the rolling restart"
after="$(pids)"
for s in "${servers[@]}"; do
  [ "$(grep "^$s=" <<< "$before")" != "$(grep "^$s=" <<< "$after")" ] || fail "$s was not restarted (same pid)"
done
check_nodes_live
bfs fsck / > /dev/null || fail "fsck finds missing chunks after the rolling restart"
say "rolling restart: every server has a new pid; the reader got $sent whole copies meanwhile; fsck clean"

# --- Stop, by pid ---
playbook stop.yml
for s in $after; do
  pid="${s#*=}"
  ! running "$pid" || fail "${s%=*} (pid $pid) still runs after stop.yml"
done
left=("$work"/*/run/bigfs/*.pid)
[ ! -e "${left[0]}" ] || fail "pid files left after stop.yml: ${left[*]}"
say "stop.yml stopped all six servers; passed in $((SECONDS - started_s)) s"
