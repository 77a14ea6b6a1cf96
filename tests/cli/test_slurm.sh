#!/usr/bin/env bash
# tests/cli/test_slurm.sh -- a corpus run on a real single-host Slurm
# cluster (issue 15): the test writes a slurm.conf for this host on
# 127.0.0.1, starts munged, slurmctld and slurmd from Debian's packages in a
# temp dir, submits tools/slurm/dateline-array.sbatch as a job array over a
# corpus of 3,000 articles, cancels one task midway (scancel), resubmits it,
# runs the closing status task, and checks the store against a
# single-process ingest of the same corpus: the same articles, events and
# quotes row for row (sorted content, not ids), no duplicates, and the
# same failed and skipped inputs per shard in the status task's output.
# The store is PostgreSQL when DATELINE_TEST_PG is set (a schema of its
# own), else a SQLite file.  Skips (77) unless run as root with the Slurm and munge
# daemons installed (tools/deps.sh --test installs them); stops every
# daemon it started.
#
#   bash test_slurm.sh DATELINE_BIN SOURCE_DIR SHARED_DIR
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
. "$src/tests/cli/lib.sh"

skip() { echo "skipped: $1"; echo "test_slurm: 0 passed, 0 failed, 1 skipped"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "needs root (the test starts slurmctld, slurmd and munged)"
for b in munged slurmctld slurmd sbatch squeue scancel scontrol sinfo python3 sqlite3; do
  command -v "$b" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin
  command -v "$b" >/dev/null 2>&1 ||
    skip "$b is not installed (tools/deps.sh --test installs slurmctld slurmd slurm-client munge)"
done

work=$(mktemp -d /tmp/dl-slurm-XXXXXX)
pgschema=
. "$src/tools/slurm/local-cluster.sh"
stop_all() {
  local_cluster_stop
  [ -n "$pgschema" ] && psql -X -q "$DATELINE_TEST_PG" -c "DROP SCHEMA $pgschema CASCADE" >/dev/null 2>&1
  rm -rf "$work"
}
trap stop_all EXIT
trap "exit 1" INT TERM HUP   # so that the EXIT trap stops the daemons then too
die() { echo "FAIL: $1" >&2; for f in "$work"/*.log; do echo "== $f" >&2; tail -n 20 "$f" >&2; done; echo "test_slurm: $pass passed, $((fail + 1)) failed"; exit 1; }

mkdir -p "$work/logs"
local_cluster_start "$work" 2 2>"$work/start.err"
ok "the single-host cluster is up (node ${local_cluster_host:-none}) $(cat "$work/start.err")" '[ -n "${local_cluster_host:-}" ]'
[ "$fail" -eq 0 ] || die "the cluster did not come up"

# ---- the corpus and the reference: one process, one SQLite file -------------
shared=${3:-$src/../shared}
[ -d "$shared" ] && shared=$(cd "$shared" && pwd)   # the tasks run in another directory
cp -r "$src/data" "$work/data"   # every run codes with the same data
n=3000
python3 "$src/bench/store/make_corpus.py" "$src/examples" "$n" "$work/corpus.jsonl"
inputs=("$work/corpus.jsonl")
if have_shared "$shared/data/warc/news-sample.warc.gz" "$shared/news-dev/01.txt"; then
  inputs+=("$shared/data/warc/news-sample.warc.gz" "$shared"/news-dev/*.txt)
fi
ref=$work/ref.db
"$bin" ingest --data "$work/data" --jobs 2 --db "$ref" "${inputs[@]}" 2>"$work/ref.err"
ok "the single-process ingest stores the corpus ($(grep '^ingested' "$work/ref.err"))" \
  "grep -q '^ingested [0-9]* articles (0 already stored, 0 failed)' '$work/ref.err'"

# ---- the store of the array run ---------------------------------------------
shards=4
if [ -n "${DATELINE_TEST_PG:-}" ] && command -v psql >/dev/null 2>&1; then
  pgschema="dl_slurm_$$"
  psql -X -q -v ON_ERROR_STOP=1 "$DATELINE_TEST_PG" -c "CREATE SCHEMA $pgschema" >/dev/null ||
    die "cannot create schema $pgschema"
  case $DATELINE_TEST_PG in *\?*) sep='&' ;; *) sep='?' ;; esac
  db="$DATELINE_TEST_PG${sep}options=-c%20search_path%3D$pgschema"
  echo "store: PostgreSQL, schema $pgschema"
else
  db=$work/array.db
  echo "store: SQLite ($db; set DATELINE_TEST_PG for PostgreSQL)"
fi
q() {   # q DB SQL: rows, '|' between columns
  case $1 in
  postgres*) psql -X -q -At -v ON_ERROR_STOP=1 "$DATELINE_TEST_PG" -c "SET search_path = $pgschema" -c "$2" ;;
  *) sqlite3 -cmd ".timeout 10000" "$1" "$2" ;;
  esac
}
shard_inputs() {   # shard_inputs DB I: the inputs shard I has stored, by dateline status
  "$bin" status --db "$1" --shards "$shards" 2>/dev/null | awk -v s="$2/$shards" '$1 == s { print $2 }'
}

# ---- the job array; task 0 cancelled midway ----------------------------------
sb() {   # sb SBATCH_OPTIONS... SCRIPT ARGS...: the job id
  sbatch --parsable --chdir="$work/logs" --export="ALL,DATELINE=$bin,DATELINE_ARGS=--data $work/data" "$@" |
    cut -d';' -f1
}
job=$(sb --array=0-$((shards - 1)) --cpus-per-task=1 -o "$work/logs/dateline-%A_%a.out" \
  -e "$work/logs/dateline-%A_%a.err" "$src/tools/slurm/dateline-array.sbatch" "$shards" "$db" "${inputs[@]}")
ok "sbatch takes the job array ($job)" '[ -n "$job" ]'
[ -n "$job" ] || die "sbatch failed"
at_cancel=0 running=0
for _ in $(seq 1 1200); do
  st=$(squeue -h -j "${job}_0" -o %T 2>/dev/null)
  if [ "$st" = RUNNING ]; then
    running=1
    at_cancel=$(shard_inputs "$db" 0)
    [ "${at_cancel:-0}" -ge 100 ] && break
  fi
  [ $running = 1 ] && [ -z "$st" ] && break   # ended before we could cancel it
  sleep 0.1
done
scancel "${job}_0"
wait_job() {   # wait_job ID: until squeue no longer lists it (300 s at most)
  for _ in $(seq 1 1500); do [ -z "$(squeue -h -j "$1" 2>/dev/null)" ] && return 0; sleep 0.2; done
  return 1
}
ok "the job array ends" "wait_job $job"
expect0=$(shard_inputs "$ref" 0)
got0=$(shard_inputs "$db" 0)
ok "task 0 was cancelled midway ($at_cancel inputs when cancelled, $got0 of $expect0 stored)" \
  '[ "${at_cancel:-0}" -ge 100 ] && [ "${got0:-0}" -lt "$expect0" ]'
ok "slurm records task 0 as cancelled" \
  "scontrol show job ${job}_0 2>/dev/null | grep -q 'JobState=CANCELLED'"
for i in $(seq 1 $((shards - 1))); do
  ok "task $i completed its shard ($(shard_inputs "$db" "$i") of $(shard_inputs "$ref" "$i") inputs)" \
    '[ "$(shard_inputs "$db" $i)" = "$(shard_inputs "$ref" $i)" ]'
  ok "task $i says what it left to the other shards" \
    "grep -q '^shard $i/$shards: [0-9]* inputs of the other shards left out' '$work/logs/dateline-${job}_$i.err'"
done

# ---- task 0 resubmitted, then the closing status task ------------------------
redo=$(sb --array=0 --cpus-per-task=2 -o "$work/logs/dateline-%A_%a.out" \
  -e "$work/logs/dateline-%A_%a.err" "$src/tools/slurm/dateline-array.sbatch" "$shards" "$db" "${inputs[@]}")
stat=$(sb --dependency=afterany:"$redo" -o "$work/logs/status.out" \
  "$src/tools/slurm/dateline-status.sbatch" "$shards" "$db" "$job,$redo" "$work/logs")
ok "the resubmitted task ends" "wait_job $redo"
ok "the status task ends" "wait_job $stat"
redo_err=$work/logs/dateline-${redo}_0.err
ok "the resubmitted task skips what task 0 had stored before coding" \
  "grep -q '; $got0 stored inputs skipped before coding' '$redo_err'"
ok "the resubmitted task stores the rest of shard 0 without errors" \
  "grep -q '^ingested $((expect0 - got0)) articles ($got0 already stored, 0 failed)' '$redo_err'"
ok "the resubmitted task used --cpus-per-task as --jobs" "grep -q ', 2 jobs$' '$redo_err'"
ok "the status task prints every shard" "[ \$(grep -c '^[0-3]/4 ' '$work/logs/status.out') = 4 ]"
ok "the status task prints each task's summary line" \
  "[ \$(grep -c '^task [0-3]: ingested' '$work/logs/status.out') = 4 ]"
ok "the status task reports the cancelled task" "grep -q '^task 0: no summary line' '$work/logs/status.out'"
unstored_cols() {   # the failed and skipped counts of status, in all and per shard
  awk '$1 ~ /^(failed|skipped)$/ && $2 ~ /^[0-9]+$/ { print $1, $2 } $1 ~ /^[0-9]+\/[0-9]+$/ { print $1, $6, $7 }'
}
ok "the status task counts the failed and skipped inputs of the single-process run, per shard ($(grep -o '^skipped *[0-9]*' "$work/logs/status.out"))" \
  "cmp -s <(unstored_cols <'$work/logs/status.out') <('$bin' status --db '$ref' --shards $shards | unstored_cols)"
ok "the status task lists the failed inputs: none" \
  "grep -A1 '^failed inputs:' '$work/logs/status.out' | grep -qx '  none'"

# ---- the store equals the single-process one, row for row --------------------
articles() { q "$1" "SELECT content_hash, coalesce(title, ''), coalesce(url, ''), coalesce(published, '') FROM articles" | sort; }
events() {
  q "$1" "SELECT a.content_hash, e.cameo, coalesce(e.source_code, ''), coalesce(e.target_code, ''),
                 coalesce(e.date, ''), e.start, e.\"end\", coalesce(e.sentence, ''), CAST(round(coalesce(e.goldstein, 0) * 10) AS INTEGER)
          FROM events e JOIN articles a ON a.id = e.article_id" | sort
}
quotes() {
  q "$1" "SELECT a.content_hash, coalesce(x.speaker_name, ''), coalesce(x.speaker_code, ''), x.kind,
                 coalesce(x.text, ''), coalesce(x.cue, ''), x.start, x.\"end\"
          FROM quotes x JOIN articles a ON a.id = x.article_id" | sort
}
for t in articles events quotes; do
  $t "$ref" >"$work/ref.$t"
  $t "$db" >"$work/array.$t"
  ok "the same $t as the single-process ingest ($(wc -l <"$work/ref.$t") rows)" \
    "[ -s '$work/ref.$t' ] && cmp -s '$work/ref.$t' '$work/array.$t'"
  cmp -s "$work/ref.$t" "$work/array.$t" || diff "$work/ref.$t" "$work/array.$t" | head -n 6 >&2
done
for t in articles events quotes actors mentions inputs; do
  r=$(q "$ref" "SELECT count(*) FROM $t") a=$(q "$db" "SELECT count(*) FROM $t")
  ok "as many $t rows ($r; the array run has $a)" '[ "$r" = "$a" ]'
done
ok "no article stored twice" '[ "$(q "$db" "SELECT count(*) - count(DISTINCT content_hash) FROM articles")" = 0 ]'
ok "dateline status gives the single-process totals" \
  "[ \"\$('$bin' status --db '$db' | sed -n '1,4p')\" = \"\$('$bin' status --db '$ref' | sed -n '1,4p')\" ]"
[ -n "${VERBOSE:-}" ] && cat "$work/logs/status.out"
finish test_slurm "$pass" "$fail"
