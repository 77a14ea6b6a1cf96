#!/usr/bin/env bash
# tools/slurm/local-cluster.sh -- a throwaway single-host Slurm cluster on
# 127.0.0.1 from Debian's packages (slurmctld, slurmd, slurm-client,
# munge), for the Slurm test and the scaling bench.  Source it, as root:
#
#   . tools/slurm/local-cluster.sh
#   local_cluster_start DIR [CPUS]   # DIR: an empty directory; CPUS default 2
#   sbatch ...                       # SLURM_CONF is exported
#   local_cluster_stop               # cancels every job, stops the daemons
#
# Everything lives in DIR: the munge key and socket, slurm.conf (partition
# "dltest", one node named after this host with CPUS CPUs), the state and
# spool directories and the daemons' logs (DIR/*.log).  Process tracking by
# /proc (proctrack/linuxproc) and no task plugin, so no cgroup is needed
# (Slurm 22.05 has no CgroupPlugin=disabled).  Returns 1 with a message on
# stderr when a daemon does not start or the node does not come up in 60 s.
local_cluster_pids=()

local_cluster_start() {
  local dir=$1 cpus=${2:-2} host state sock
  PATH=$PATH:/usr/sbin:/sbin
  local_cluster_pids=()
  free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

  # ---- munge: a key of our own, a socket in the temp dir --------------------
  mkdir -p "$dir/munge" "$dir/state" "$dir/spool"
  chmod 755 "$dir" "$dir/munge"   # munged wants its socket directory open to all
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
  chmod 400 "$dir/munge/munge.key"
  sock=$dir/munge/munge.socket
  munged --force --socket="$sock" --key-file="$dir/munge/munge.key" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/munged.log" \
    --seed-file="$dir/munge/munged.seed" || { echo "local-cluster: munged did not start" >&2; return 1; }
  for _ in $(seq 1 50); do [ -s "$dir/munge/munged.pid" ] && break; sleep 0.1; done
  local_cluster_pids+=("$(cat "$dir/munge/munged.pid")")

  # ---- slurm.conf for this host on 127.0.0.1 ---------------------------------
  host=$(hostname -s)
  cat >"$dir/slurm.conf" <<CONF
ClusterName=dltest
MailProg=/bin/true
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
AuthType=auth/munge
AuthInfo=socket=$sock
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
MinJobAge=300
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=dltest Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF=$dir/slurm.conf
  slurmctld -f "$SLURM_CONF" -i || { echo "local-cluster: slurmctld did not start" >&2; return 1; }
  for _ in $(seq 1 100); do [ -s "$dir/slurmctld.pid" ] && break; sleep 0.1; done
  local_cluster_pids+=("$(cat "$dir/slurmctld.pid" 2>/dev/null)")
  slurmd -f "$SLURM_CONF" -N "$host" || { echo "local-cluster: slurmd did not start" >&2; return 1; }
  for _ in $(seq 1 100); do [ -s "$dir/slurmd.pid" ] && break; sleep 0.1; done
  local_cluster_pids+=("$(cat "$dir/slurmd.pid" 2>/dev/null)")
  state=
  for _ in $(seq 1 300); do
    state=$(sinfo -h -n "$host" -o %t 2>/dev/null)
    case $state in idle*) break ;; esac
    sleep 0.2
  done
  [ "${state%%[*~#]}" = idle ] || { echo "local-cluster: node $host is '${state:-not answering}', not idle" >&2; return 1; }
  local_cluster_host=$host
}

local_cluster_stop() {
  local p
  [ -n "${SLURM_CONF:-}" ] && scancel --quiet --user=root --partition=dltest 2>/dev/null
  for p in "${local_cluster_pids[@]}"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done
  for p in "${local_cluster_pids[@]}"; do
    [ -n "$p" ] || continue
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null
  done
  local_cluster_pids=()
  return 0
}
