#!/usr/bin/env bash
# Instructions that `policygraph extract` spends on text, without start-up: a deterministic
# figure for comparing two builds on a machine whose timings vary. Usage:
#   scripts/bench-instructions.sh [N] [WORK_DIR]     (N copies of each seed, default 5: 2.4 MB)
# Needs valgrind (apt-get install valgrind) and the release binary, or PG=/path/to/policygraph.
# Runs extraction on one thread over the corpus, then over the corpus plus a renamed copy of it;
# the difference is the steady cost of the corpus's text (compiling the regexes, building the
# gazetteer's automatons and warming the lazy DFAs are paid once in both runs).
set -euo pipefail
n=${1:-5}
work=${2:-/tmp/policygraph-instructions}
root="$(cd "$(dirname "$0")/.." && pwd)"
pg=${PG:-"$root/target/release/policygraph"}
[ -x "$pg" ] || { echo "build the release binary first: cargo build --release --locked" >&2; exit 1; }
command -v valgrind > /dev/null || { echo "valgrind is missing: apt-get install valgrind" >&2; exit 1; }
once="$work/once-$n"
twice="$work/twice-$n"
[ -d "$once" ] || "$root/scripts/synth-corpus.sh" "$n" "$once" > /dev/null
if [ ! -d "$twice" ]; then
  mkdir -p "$twice"
  cp "$once"/* "$twice"/
  for f in "$once"/*; do
    b=$(basename "$f")
    [ "$b" = MANIFEST.csv ] || cp "$f" "$twice/again-$b"
  done
  awk 'NR > 1 {print "again-" $0}' "$once/MANIFEST.csv" >> "$twice/MANIFEST.csv"
fi
instructions() {
  RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    "$pg" extract "$1" -o /dev/null 2>&1 | grep -o 'Collected : [0-9]*' | awk '{print $3}'
}
a=$(instructions "$once")
b=$(instructions "$twice")
echo "figure: corpus_mb $(find "$once" -type f \( -name '*.txt' -o -name '*.md' \) -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1e6}')"
echo "figure: instructions_once $a"
echo "figure: instructions_twice $b"
echo "figure: instructions_steady $((b - a))"
