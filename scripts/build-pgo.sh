#!/usr/bin/env bash
# A profile-guided (PGO) release build of the policygraph binary. Usage:
#   scripts/build-pgo.sh [TARGET_DIR]        (default: target/pgo)
# Three steps, each a `cargo build --release --locked`: an instrumented build, a training run of
# it (`extract` and `build` of the bundled seeds, several rounds), then a build that uses the
# merged profile. The binary is TARGET_DIR/<host triple>/release/policygraph. RocksDB's C++ is
# compiled again by each build (its build script reruns when RUSTFLAGS change): about 45 minutes
# on 2 cores in all. Needs rustup's llvm-tools component (installed here if missing) for
# llvm-profdata. What it gains is in BENCHMARKS.md ("Session 22"); the output is the same as a
# plain release build's.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target_dir=${1:-$root/target/pgo}
triple=$(rustc -vV | sed -n 's/^host: //p')
sysroot=$(rustc --print sysroot)
profdata="$sysroot/lib/rustlib/$triple/bin/llvm-profdata"
[ -x "$profdata" ] || rustup component add llvm-tools
data=$(mktemp -d) # the raw profiles, the merged profile and the training run's store
trap 'rm -rf "$data"' EXIT
# ARG: the RUSTFLAGS of one build. The explicit --target keeps them off build scripts and proc
# macros, which would otherwise be instrumented too.
build() {
  RUSTFLAGS="$1" cargo build --release --locked --bin policygraph --target "$triple" \
    --target-dir "$target_dir" --manifest-path "$root/Cargo.toml"
}
bin="$target_dir/$triple/release/policygraph"
echo "1/3 instrumented build" >&2
build "-Cprofile-generate=$data"
echo "2/3 training on the seeds" >&2
for _ in 1 2 3; do
  "$bin" extract "$root/seeds" -o /dev/null
  rm -rf "$data/store"
  "$bin" build "$root/seeds" --store "$data/store" -q
  "$bin" query who-implements-what --store "$data/store" -f csv > /dev/null
done
"$profdata" merge -o "$data/merged.profdata" "$data"
echo "3/3 optimised build" >&2
build "-Cprofile-use=$data/merged.profdata"
echo "$bin"
