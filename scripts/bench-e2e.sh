#!/usr/bin/env bash
# End-to-end benchmark, recorded in BENCHMARKS.md. Usage:
#   scripts/bench-e2e.sh N [WORK_DIR]     (N copies of each seed; N=2200 is about 1 GB)
# Needs the release binary (cargo build --release --locked), GNU time (/usr/bin/time) and, for
# the loader comparison, the stock `oxigraph` CLI on PATH (cargo install oxigraph-cli) or else
# pyoxigraph (pip install pyoxigraph==0.5.13), which wraps the same bulk loader.
# Every figure is printed as "figure: NAME VALUE" so runs can be compared.
set -euo pipefail
n=${1:?usage: bench-e2e.sh N [WORK_DIR]}
work=${2:-/tmp/policygraph-bench}
root="$(cd "$(dirname "$0")/.." && pwd)"
pg="$root/target/release/policygraph"
[ -x "$pg" ] || { echo "build the release binary first: cargo build --release --locked" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install time" >&2; exit 1; }
mkdir -p "$work"
corpus="$work/corpus-$n"
[ -d "$corpus" ] || "$root/scripts/synth-corpus.sh" "$n" "$corpus"
bytes=$(find "$corpus" -type f \( -name '*.txt' -o -name '*.md' \) -printf '%s\n' | awk '{s+=$1} END {print s}')
mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b/1e6}')
echo "figure: corpus_mb $mb"
echo "figure: corpus_files $(find "$corpus" -type f \( -name '*.txt' -o -name '*.md' \) | wc -l)"
cat /proc/cpuinfo | grep -m1 'model name' | sed 's/^/machine: /'
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"

timed() { # NAME COMMAND... : runs it, prints seconds and peak RSS (MB)
  local name=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/time.out" "$@" > "$work/$name.stdout" 2> "$work/$name.stderr" || {
    echo "$name failed:"; tail -5 "$work/$name.stderr"; exit 1; }
  read -r secs kb < <(tail -1 "$work/time.out")
  echo "figure: ${name}_seconds $secs"
  echo "figure: ${name}_peak_rss_mb $((kb / 1024))"
  SECS=$secs
}

# 1. Extraction (read + normalise + extract + map) without a store, one core then all cores.
RAYON_NUM_THREADS=1 timed extract_1core "$pg" extract "$corpus" -o /dev/null
echo "figure: extract_mb_per_s_per_core $(awk -v m="$mb" -v s="$SECS" 'BEGIN {printf "%.1f", m/s}')"
timed extract_all_cores "$pg" extract "$corpus" -o /dev/null
echo "figure: extract_mb_per_s_all_cores $(awk -v m="$mb" -v s="$SECS" 'BEGIN {printf "%.1f", m/s}')"

# 2. End-to-end build into a new store (auto = bulk loader on a new store).
rm -rf "$work/store"
timed build "$pg" build "$corpus" --store "$work/store" -q
tail -1 "$work/build.stdout"

# 3. The headline canned query on that store and on the seeds' store (best of 5, in-process
#    time as the query command measures it end to end, including opening the store).
rm -rf "$work/seeds-store"; "$pg" build "$root/seeds" --store "$work/seeds-store" -q > /dev/null
for s in seeds-store store; do
  best=999999
  for _ in 1 2 3 4 5; do
    t0=$(date +%s%N); "$pg" query who-implements-what --store "$work/$s" -f csv > "$work/q.csv"; t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 )); (( ms < best )) && best=$ms
  done
  echo "figure: headline_query_ms_${s//-/_} $best ($(($(wc -l < "$work/q.csv") - 1)) rows, process start to exit)"
done

# 4. Loading the same N-Quads: our bulk load vs the stock `oxigraph load`.
"$pg" extract "$corpus" --with-reference -o "$work/corpus.nq" 2> "$work/extract_nq.stderr"
echo "figure: nquads_mb $(du -m "$work/corpus.nq" | cut -f1)"
rm -rf "$work/load-ours"; timed load_policygraph "$pg" load "$work/corpus.nq" --store "$work/load-ours"
ours=$SECS
if command -v oxigraph > /dev/null; then
  rm -rf "$work/load-oxigraph"; timed load_oxigraph oxigraph load --location "$work/load-oxigraph" --file "$work/corpus.nq"
  echo "figure: load_ratio_ours_to_oxigraph $(awk -v a="$ours" -v b="$SECS" 'BEGIN {printf "%.2f", a/b}')"
elif python3 -c 'import pyoxigraph' 2> /dev/null; then
  # The same bulk loader through pyoxigraph (pip install pyoxigraph==0.5.13, the oxigraph version
  # in Cargo.lock), for machines where compiling the CLI (a second RocksDB build) is too costly.
  rm -rf "$work/load-pyoxigraph"
  timed load_pyoxigraph python3 -c 'import sys, pyoxigraph as o
s = o.Store(sys.argv[1]); s.bulk_load(path=sys.argv[2], format=o.RdfFormat.N_QUADS); s.flush()' \
    "$work/load-pyoxigraph" "$work/corpus.nq"
  echo "figure: load_ratio_ours_to_pyoxigraph $(awk -v a="$ours" -v b="$SECS" 'BEGIN {printf "%.2f", a/b}')"
else
  echo "note: neither the oxigraph CLI nor pyoxigraph is installed; skipped the loader comparison"
fi
