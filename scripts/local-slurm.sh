#!/usr/bin/env bash
# A single-node Slurm on this machine, for trying and testing `fv run -m --launcher slurm` without a cluster.
#
#   scripts/local-slurm.sh up      # start munged, slurmctld and slurmd; prints the line to export (SLURM_CONF=…)
#   scripts/local-slurm.sh down    # stop them and remove the cluster's folder
#   scripts/local-slurm.sh status  # sinfo of the running cluster
#
# Needs Debian's `slurm-wlm` and `munge` (apt-get install slurm-wlm munge) and root: the daemons are started
# directly (no systemd), munged as the munge user. Everything lives in one folder ($FV_SLURM_DIR, default
# /tmp/fv-local-slurm): its own munge key and socket, slurm.conf, state, spool and logs, so that nothing in /etc
# changes and `down` leaves no trace. Client tools find this cluster through SLURM_CONF.
#
# One node (the name `fvnode`, address 127.0.0.1) with the CPUs given ($FV_SLURM_CPUS, default 2) and one
# partition `debug`. Processes are tracked by their parent (proctrack/linuxproc, no cgroups, as in a container)
# and there is no accounting database (no slurmdbd): `sacct` has nothing to say here, `squeue` does.
# Ports: $FV_SLURM_PORT for slurmctld (default 6817) and the next one for slurmd.
set -euo pipefail

DIR="${FV_SLURM_DIR:-/tmp/fv-local-slurm}"
CPUS="${FV_SLURM_CPUS:-2}"
PORT="${FV_SLURM_PORT:-6817}"
CONF="$DIR/slurm.conf"

die() { echo "local-slurm: $*" >&2; exit 2; }

stop_pid() { # pid file: TERM, wait up to 5 s, then KILL
  local f="$1" pid
  [ -f "$f" ] || return 0
  pid="$(cat "$f" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

down() {
  [ -d "$DIR" ] || return 0
  # Jobs still running on the node are the cluster's children: stopping slurmd leaves them, so cancel first.
  if [ -f "$CONF" ] && [ -f "$DIR/slurmctld.pid" ]; then SLURM_CONF="$CONF" scancel --quiet --user="$(id -un)" 2>/dev/null || true; fi
  stop_pid "$DIR/slurmd.pid"
  stop_pid "$DIR/slurmctld.pid"
  stop_pid "$DIR/munge/munged.pid"
  rm -rf "$DIR"
}

wait_for() { # seconds, description, command…
  local secs="$1" what="$2"; shift 2
  for _ in $(seq $((secs * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "local-slurm: $what did not come up in $secs s; its log:" >&2
  return 1
}

up() {
  [ "$(id -u)" = 0 ] || die "needs root (the daemons run as root, munged as the munge user)."
  for t in munged mungekey slurmctld slurmd sinfo; do
    command -v "$t" >/dev/null 2>&1 || [ -x "/usr/sbin/$t" ] || die "'$t' is not installed: apt-get install slurm-wlm munge"
  done
  id munge >/dev/null 2>&1 || die "there is no munge user: apt-get install munge"
  down
  mkdir -p "$DIR/munge" "$DIR/state" "$DIR/spool"
  chmod 755 "$DIR"
  runuser -u munge -- test -x "$DIR" || die "the munge user cannot enter $DIR (a parent folder is private): choose FV_SLURM_DIR elsewhere."

  # munge: its own key and socket. munged insists on a key only it can read and a socket folder others can enter.
  mungekey --create --keyfile="$DIR/munge/munge.key" >/dev/null
  chown -R munge:munge "$DIR/munge"
  chmod 711 "$DIR/munge"
  chmod 600 "$DIR/munge/munge.key"
  runuser -u munge -- "$(command -v munged || echo /usr/sbin/munged)" --socket="$DIR/munge/munge.socket" \
    --key-file="$DIR/munge/munge.key" --pid-file="$DIR/munge/munged.pid" --log-file="$DIR/munge/munged.log" \
    --seed-file="$DIR/munge/munged.seed"

  local mem host
  mem=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
  host=$(hostname -s)
  cat >"$CONF" <<EOF
# Written by scripts/local-slurm.sh: a one-node cluster on this machine.
ClusterName=fvlocal
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$DIR/munge/munge.socket
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SchedulerParameters=sched_min_interval=0,batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
# A job that asks no memory gets its CPUs' share, not the whole node (which would run one job at a time).
DefMemPerCPU=$((mem / CPUS))
MailProg=/bin/true
ReturnToService=2
# A job that ends frees its CPUs at once, and the node is checked often: a test's array takes seconds, not minutes.
KillWait=5
MinJobAge=300
InactiveLimit=0
SlurmdTimeout=30
NodeName=fvnode NodeAddr=127.0.0.1 NodeHostname=$host CPUs=$CPUS RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=fvnode Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF="$CONF"
  slurmctld -f "$CONF" -i
  wait_for 20 slurmctld sinfo || { tail -20 "$DIR/slurmctld.log" >&2; exit 1; }
  slurmd -f "$CONF" -N fvnode
  wait_for 30 "the node fvnode" bash -c "sinfo -h -n fvnode -o %t | grep -Eq '^(idle|mix|alloc)'" || { tail -20 "$DIR/slurmd.log" >&2; exit 1; }
  echo "export SLURM_CONF=$CONF"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) SLURM_CONF="$CONF" sinfo ;;
  *) echo "usage: $0 up|down|status   (folder: \$FV_SLURM_DIR, default /tmp/fv-local-slurm)" >&2; exit 2 ;;
esac
