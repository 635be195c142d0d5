#!/usr/bin/env bash
# Runs every test: installs dependencies, builds the ASan+UBSan tree and
# runs ctest there (unit, integration, and the UI journey under Xvfb), then
# checks the core builds and passes its tests without SDL or ImGui.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# Mesa's llvmpipe and Xlib leak by design; the suppressions keep LSan on our code.
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"

scripts/build.sh asan
ctest --preset asan -j "$(nproc)"

scripts/build.sh core-only
ctest --preset core-only -j "$(nproc)"

# The parsers of untrusted bytes (SAM frames, card records, scanned codes)
# under libFuzzer for a short while.
scripts/fuzz.sh

# The release programs are what scripts/run.sh starts: GCC's optimiser
# raises warnings (as errors) that the other builds do not, so they must
# build too (the programs only: their tests ran above).
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target kiosk kioskctl kiosk-central
build/release/kiosk/app/kioskctl config check firmware_config >/dev/null
