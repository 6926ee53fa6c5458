#!/usr/bin/env bash
# Benchmark of `eindex eval` and `eindex check` (docs/performance.md).
#
#   bench/run.sh [N] [RUNS]        N submissions (default 1000000), RUNS runs each (default 3)
#
# Generates the data with ../shared/bench/gen.py into bench/data/ (once per N), builds eindex and
# the hand-written baseline (bench/baseline/) in release mode, runs each under /usr/bin/time -v,
# and prints the median wall time, rows/second and peak resident memory. Every eindex output is
# compared with the baseline's (they must be identical). Needs python3, cargo; installs GNU time
# with apt-get if it is missing.
set -euo pipefail

N=${1:-1000000}
RUNS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
DATA=bench/data
GEN=../shared/bench/gen.py
EINDEX=target/release/eindex
BASELINE=target/bench-baseline/release/bench-baseline

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (apt-get install time)" >&2
  (apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }) \
    || sudo apt-get install -y time >/dev/null
fi

mkdir -p "$DATA"
if [ ! -f "$DATA/subs_$N.csv" ] || [ ! -f "$DATA/subs_$N.jsonl" ]; then
  python3 "$GEN" "$N" --out "$DATA"
fi
python3 bench/gen-large-ruleset.py "$DATA/large-ruleset" >/dev/null

cargo build --release --quiet
(cd bench/baseline && CARGO_TARGET_DIR="$ROOT/target/bench-baseline" cargo build --release --quiet)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "N = $N, median of $RUNS runs"
printf '%-34s %9s %9s %12s %10s\n' "run" "wall s" "user s" "rows/s" "peak MiB"

# run LABEL OUTFILE CMD...: RUNS timed runs; prints the median wall time and its figures.
run() {
  local label=$1 out=$2
  shift 2
  local results=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -v -o "$DATA/time.txt" "$@" >"$out" 2>"$DATA/stderr.txt" || {
      cat "$DATA/stderr.txt" >&2
      return 1
    }
    local wall user rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$DATA/time.txt")
    user=$(awk -F': ' '/User time/ {print $2}' "$DATA/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$DATA/time.txt")
    results+=("$wall $user $rss")
  done
  printf '%s\n' "${results[@]}" | sort -n | awk -v label="$label" -v n="$N" -v runs="$RUNS" '
    { w[NR] = $1; u[NR] = $2; m[NR] = $3 }
    END { i = int((runs + 1) / 2); printf "%-34s %9.2f %9.2f %12.0f %10.1f\n", label, w[i], u[i], n / w[i], m[i] / 1024 }'
}

same() {
  cmp -s "$1" "$2" || { echo "OUTPUTS DIFFER: $1 $2" >&2; exit 1; }
}

M=bench/model-150
run "baseline csv" "$DATA/out-baseline.csv" "$BASELINE" "$DATA/subs_$N.csv"
run "eindex csv" "$DATA/out-eindex.csv" "$EINDEX" eval "$M" "$DATA/subs_$N.csv" --format bench
same "$DATA/out-baseline.csv" "$DATA/out-eindex.csv"
run "eindex csv --jobs 2" "$DATA/out-eindex.csv" "$EINDEX" eval "$M" "$DATA/subs_$N.csv" --format bench --jobs 2
same "$DATA/out-baseline.csv" "$DATA/out-eindex.csv"
run "baseline jsonl" "$DATA/out-baseline.csv" "$BASELINE" "$DATA/subs_$N.jsonl"
same "$DATA/out-baseline.csv" "$DATA/out-eindex.csv"
run "eindex jsonl" "$DATA/out-eindex.csv" "$EINDEX" eval "$M" "$DATA/subs_$N.jsonl" --format bench
same "$DATA/out-baseline.csv" "$DATA/out-eindex.csv"
run "eindex jsonl --jobs 2" "$DATA/out-eindex.csv" "$EINDEX" eval "$M" "$DATA/subs_$N.jsonl" --format bench --jobs 2
same "$DATA/out-baseline.csv" "$DATA/out-eindex.csv"

echo
printf '%-34s %9s\n' "check (median of 5)" "wall ms"
check() {
  local label=$1 dir=$2
  for _ in 1 2 3 4 5; do
    local t0=$EPOCHREALTIME
    # the exit status is not the point here (some messy cases have errors on purpose)
    if [ "$dir" = --version ]; then "$EINDEX" --version >/dev/null 2>&1; else "$EINDEX" check "$dir" >/dev/null 2>&1 || true; fi
    local t1=$EPOCHREALTIME
    echo "$t0 $t1"
  done | awk '{ print ($2 - $1) * 1000 }' | sort -n | awk -v label="$label" 'NR == 3 { printf "%-34s %9.1f\n", label, $1 }'
}
echo "$(grep -c '' "$DATA"/large-ruleset/*.rules | awk -F: '{s += $2} END {print s}') lines in $DATA/large-ruleset"
check "check large-ruleset" "$DATA/large-ruleset"
check "check rules/2022" rules/2022
check "check bench/model-150" "$M"
check "eindex --version (start-up)" "--version"
echo
echo "messy and hostile rules (tests/it/messy_rules.rs; budget 1 s each)"
python3 bench/gen-messy-rules.py "$DATA/messy"
for d in "$DATA"/messy/*/; do
  check "check messy/$(basename "$d")" "$d"
done
echo "(check includes process start-up; cargo bench --bench parse_check times the work alone)"
# time and peak memory of one run (issue 18: each within 1 s and 200 MiB)
peak() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$DATA/peak.txt" "$@" >/dev/null 2>&1 || true
  # the last line (a failing command adds "Command exited with non-zero status" before it)
  tail -n 1 "$DATA/peak.txt" | awk -v label="$label" '{ printf "%-44s %7.2f s %7.1f MiB\n", label, $1, $2 / 1024 }'
}
printf 'unit,type,q_social,q_ux,q_comment,q_sat_measured,q_sat_used,q_docs,q_edocs\nCēsu,regional,facebook,regular,,yes,improved,100,95\n' > "$DATA/one-row.csv"
if [ -x /usr/bin/time ]; then
  peak "check unknown-options-100000 (human)" "$EINDEX" check "$DATA/messy/unknown-options-100000"
  peak "check unknown-options-100000 --format json" "$EINDEX" check "$DATA/messy/unknown-options-100000" --format json
  peak "check near-miss-1mb-name" "$EINDEX" check "$DATA/messy/near-miss-1mb-name"
  for c in let-chain-100000 let-chain-100000-reversed; do
    peak "eval $c (one row)" "$EINDEX" eval "$DATA/messy/$c" "$DATA/one-row.csv" --format csv
    peak "explain $c (one row)" "$EINDEX" explain "$DATA/messy/$c" "$DATA/one-row.csv"
  done
fi
