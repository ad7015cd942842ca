#!/usr/bin/env bash
# A profile-guided (PGO) release build of the policygraph binary. Usage:
#   scripts/build-pgo.sh [TARGET_DIR] [TRAINING_DIR]   (defaults: target/pgo, the bundled seeds)
# Three steps, each a `cargo build --release --locked`: an instrumented build, a training run of
# it (`extract` and `build` of TRAINING_DIR, several rounds), then a build that uses the merged
# profile. A TRAINING_DIR with some of the seeds (and their MANIFEST.csv rows) gives a held-out
# check: time the binary on copies of the other seeds (BENCHMARKS.md, "Session 23"). The binary
# is TARGET_DIR/<host triple>/release/policygraph. RocksDB's C++ is compiled again by each build
# (its build script reruns when RUSTFLAGS change): about 45 minutes on 2 cores in all. Needs
# rustup's llvm-tools component (installed here if missing) for llvm-profdata. What it gains is
# in BENCHMARKS.md ("Session 22", "Session 23"); the output is the same as a plain release
# build's.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target_dir=${1:-$root/target/pgo}
# absolute: the instrumented binary writes its profiles where its flags say, wherever it runs
mkdir -p "$target_dir" && target_dir=$(cd "$target_dir" && pwd)
training=${2:-$root/seeds}
triple=$(rustc -vV | sed -n 's/^host: //p')
sysroot=$(rustc --print sysroot)
profdata="$sysroot/lib/rustlib/$triple/bin/llvm-profdata"
[ -x "$profdata" ] || rustup component add llvm-tools
# the raw profiles: a fixed place, so that the instrumented build's flags do not change between
# runs; llvm-profdata reads every file under it, so nothing else may be written there
profiles="$target_dir/pgo-profiles"
data=$(mktemp -d) # the merged profile and the training run's store
trap 'rm -rf "$data"' EXIT
# ARG: the RUSTFLAGS of one build. The explicit --target keeps them off build scripts and proc
# macros, which would otherwise be instrumented too.
build() {
  RUSTFLAGS="$1" cargo build --release --locked --bin policygraph --target "$triple" \
    --target-dir "$target_dir" --manifest-path "$root/Cargo.toml"
}
bin="$target_dir/$triple/release/policygraph"
echo "1/3 instrumented build" >&2
build "-Cprofile-generate=$profiles"
echo "2/3 training on $training" >&2
rm -rf "$profiles"
for _ in 1 2 3; do
  "$bin" extract "$training" -o /dev/null
  rm -rf "$data/store"
  "$bin" build "$training" --store "$data/store" -q
  "$bin" query who-implements-what --store "$data/store" -f csv > /dev/null
done
"$profdata" merge -o "$data/merged.profdata" "$profiles"
echo "3/3 optimised build" >&2
build "-Cprofile-use=$data/merged.profdata"
echo "$bin"
