#!/usr/bin/env bash
# Runs every test: installs dependencies, builds the ASan+UBSan tree and
# runs ctest there (unit, integration, and the UI journeys under Xvfb), then
# checks that the core builds without SDL or ImGui, fuzzes the parsers
# briefly and builds the release programs. Each stage prints its time: CI
# must stay well under an hour on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
stage() { echo "== test.sh: $1 (at $((SECONDS - started)) s)"; }

stage "dependencies"
scripts/deps.sh
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# Mesa's llvmpipe and Xlib leak by design; the suppressions keep LSan on our code.
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"

stage "ASan+UBSan build"
scripts/build.sh asan
stage "ASan+UBSan tests"
ctest --preset asan -j "$(nproc)"

# The core, kioskctl and kiosk-central configured without the UI: proves
# nothing of the core needs SDL or ImGui to build or link. Its tests are
# the ones that just ran (core_has_no_ui_dependency checks the symbols).
stage "core without SDL/ImGui"
scripts/build.sh core-only

# The parsers of untrusted bytes (SAM frames, card records, scanned codes)
# under libFuzzer for a short while.
stage "fuzz"
scripts/fuzz.sh

# The release programs are what scripts/run.sh starts: GCC's optimiser
# raises warnings (as errors) that the other builds do not, so they must
# build too (the programs only: their tests ran above).
stage "release programs"
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target kiosk kioskctl kiosk-central
build/release/kiosk/app/kioskctl config check firmware_config >/dev/null
stage "done"
