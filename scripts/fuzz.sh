#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-16 and runs each briefly from its
# seed corpus (fuzz/corpus/NAME). A crash, leak or sanitizer report fails
# the run and leaves the input in build/fuzz/findings/.
#   FUZZ_SECONDS=30 scripts/fuzz.sh      (default 20 s per target)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-20}"
cmake --preset fuzz >/dev/null
targets=()
for source in fuzz/*_fuzz.cc; do
  targets+=("$(basename "$source" .cc)")
done
cmake --build --preset fuzz --target "${targets[@]}"
mkdir -p build/fuzz/findings
for target in "${targets[@]}"; do
  name="${target%_fuzz}"
  corpus="build/fuzz/corpus/$name"
  mkdir -p "$corpus"
  if [ -d "fuzz/corpus/$name" ]; then cp -r "fuzz/corpus/$name/." "$corpus/"; fi
  echo "fuzz: $target for ${seconds} s"
  "build/fuzz/fuzz/$target" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="build/fuzz/findings/$name-" "$corpus" 2>&1 | tail -n 12
done
