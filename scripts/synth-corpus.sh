#!/usr/bin/env bash
# Writes a synthetic corpus for benchmarks: N renamed copies of the seed documents with light
# perturbations (years shifted, paragraphs of one copy rotated), plus a MANIFEST.csv.
# Usage: scripts/synth-corpus.sh N OUT_DIR   (e.g. N=2200 gives about 1 GB)
set -euo pipefail
n=${1:?usage: synth-corpus.sh N OUT_DIR}
out=${2:?usage: synth-corpus.sh N OUT_DIR}
seeds="$(cd "$(dirname "$0")/.." && pwd)/seeds"
mkdir -p "$out"
echo "file,original_name,title,publisher,year,languages,genre" > "$out/MANIFEST.csv"
tail -n +2 "$seeds/MANIFEST.csv" | while IFS= read -r row; do
  file=${row%%,*}
  for i in $(seq 1 "$n"); do
    shift_years=$(( i % 7 ))
    name="synth-$(printf '%05d' "$i")-$file"
    # shift 20xx years by 0–6 so dates differ between copies; every 3rd copy reverses its
    # paragraph order (blank-line separated blocks), which the de-interleaver must cope with
    if (( i % 3 == 0 )); then
      awk -v RS= -v ORS='\n\n' '{ b[NR] = $0 } END { for (k = NR; k >= 1; k--) print b[k] }' "$seeds/$file"
    else
      cat "$seeds/$file"
    fi | perl -pe "s/\\b20([0-4]\\d)\\b/'20'.sprintf('%02d', \$1 + $shift_years)/ge" > "$out/$name"
    echo "$name,${row#*,}" >> "$out/MANIFEST.csv"
  done
done
du -sh "$out" | cut -f1 | xargs echo "synthetic corpus:" >&2
