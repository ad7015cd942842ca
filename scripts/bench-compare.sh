#!/usr/bin/env bash
# Two builds timed by the clock, in interleaved rounds: the check that instructions alone miss
# (a bigger table read by a hot loop can run fewer instructions and still be slower; see
# BENCHMARKS.md, "Session 16"). Usage:
#   scripts/bench-compare.sh OLD_BINARY NEW_BINARY [ROUNDS] [CORPUS]
# (ROUNDS default 5; CORPUS default: 100 copies of each seed, made by synth-corpus.sh.) Each
# round runs `extract CORPUS -o /dev/null` on one worker with each binary, the order alternating
# between rounds, and prints user and wall seconds; then the mean and the median of each.
# Needs GNU time (/usr/bin/time). Run it on an otherwise idle machine.
set -euo pipefail
old=${1:?usage: bench-compare.sh OLD_BINARY NEW_BINARY [ROUNDS] [CORPUS]}
new=${2:?usage: bench-compare.sh OLD_BINARY NEW_BINARY [ROUNDS] [CORPUS]}
rounds=${3:-5}
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus=${4:-/tmp/policygraph-bench/corpus-100}
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install time" >&2; exit 1; }
for b in "$old" "$new"; do
  [ -x "$b" ] || { echo "not an executable: $b" >&2; exit 1; }
done
[ -d "$corpus" ] || "$root/scripts/synth-corpus.sh" 100 "$corpus" > /dev/null
out=$(mktemp)
trap 'rm -f "$out"' EXIT
one() { # NAME BINARY: one timed run, "NAME USER WALL" on stdout
  local t
  t=$(mktemp)
  RAYON_NUM_THREADS=1 /usr/bin/time -f '%U %e' -o "$t" "$2" extract "$corpus" -o /dev/null \
    2> /dev/null || { echo "$2 failed on $corpus" >&2; rm -f "$t"; exit 1; }
  echo "$1 $(tail -1 "$t")"
  rm -f "$t"
}
for ((r = 1; r <= rounds; r++)); do
  if ((r % 2)); then one old "$old"; one new "$new"; else one new "$new"; one old "$old"; fi
done | tee "$out"
for name in old new; do
  awk -v n="$name" '$1 == n {print $2, $3}' "$out" | sort -n | awk -v n="$name" '
    {u[NR] = $1; s += $1; w += $2}
    END {printf "%s: user mean %.2f s, median %.2f s; wall mean %.2f s (%d runs)\n",
         n, s / NR, (NR % 2 ? u[(NR + 1) / 2] : (u[NR / 2] + u[NR / 2 + 1]) / 2), w / NR, NR}'
done
