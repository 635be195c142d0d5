#!/usr/bin/env bash
# Regenerates docs/screenshots/ by replaying the insurance-record journey
# under Xvfb against a fresh kiosk-central.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
scripts/deps.sh
scripts/build.sh release
tests/integration/run_journey.sh "$ROOT/build/release" "$ROOT/docs/screenshots"
