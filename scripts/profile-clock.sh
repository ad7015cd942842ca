#!/usr/bin/env bash
# Where `policygraph extract` spends its time by the clock: samples of the CPU clock with call
# stacks (perf's software `cpu-clock` event, which works on virtual machines without hardware
# counters), summed two ways. Usage:
#   scripts/profile-clock.sh [CORPUS] [OUT_DIR]
# (CORPUS default: 100 copies of each seed, made by synth-corpus.sh; OUT_DIR default
# /tmp/policygraph-clock.) Needs perf (apt-get install linux-perf) and python3; uses the release
# binary, or PG=/path/to/policygraph. One worker (RAYON_NUM_THREADS=1).
#
# Prints: the functions with the most samples of their own (library code included: the
# allocator, the regex engines), then each sample counted to the first function of ours on its
# stack ("owning function"; allocation and regex searches are charged to the code that asked).
# Instructions (bench-instructions.sh) miss what costs time without instructions: cache misses,
# page faults, the allocator's cross-thread frees (see BENCHMARKS.md, "Session 17").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus=${1:-/tmp/policygraph-bench/corpus-100}
out=${2:-/tmp/policygraph-clock}
pg=${PG:-"$root/target/release/policygraph"}
[ -x "$pg" ] || { echo "build the release binary first: cargo build --release --locked" >&2; exit 1; }
command -v perf > /dev/null || { echo "perf is missing: apt-get install linux-perf" >&2; exit 1; }
[ -d "$corpus" ] || "$root/scripts/synth-corpus.sh" 100 "$corpus" > /dev/null
mkdir -p "$out"
RAYON_NUM_THREADS=1 perf record -q -e cpu-clock -F 500 --call-graph dwarf,16384 \
  -o "$out/perf.data" "$pg" extract "$corpus" -o /dev/null 2> /dev/null
perf script -i "$out/perf.data" -F ip,sym 2> /dev/null > "$out/stacks.txt"
python3 - "$out/stacks.txt" <<'EOF'
import collections, re, sys

samples, stack = [], []
for line in open(sys.argv[1], errors="replace"):
    m = re.match(r"\s+[0-9a-f]+ (.*?)(\+0x[0-9a-f]+)?$", line.rstrip("\n"))
    if m:
        stack.append(m.group(1))
    elif stack:
        samples.append(stack)
        stack = []
if stack:
    samples.append(stack)
n = len(samples) or 1
own = collections.Counter(s[0] for s in samples if s)
ours = collections.Counter(
    next((f for f in s if f.startswith("policygraph::") and "{{closure}}" not in f), "(other)")
    for s in samples
)
for title, counts in (("own samples", own), ("owning function of ours", ours)):
    print(f"# {title} ({len(samples)} samples)")
    for name, c in counts.most_common(30):
        print(f"{100 * c / n:6.2f} %  {name[:110]}")
    print()
EOF
