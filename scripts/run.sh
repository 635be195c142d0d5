#!/usr/bin/env bash
# Installs dependencies, builds, and starts the kiosk on simulated devices
# with the reference central service beside it. Extra arguments go to the
# kiosk (e.g. --windowed, --script FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
scripts/deps.sh
scripts/build.sh release
BIN="$ROOT/build/release"
RUN_DIR="$ROOT/build/run"
mkdir -p "$RUN_DIR"

"$BIN/central/kiosk-central" --port 8480 --db "$RUN_DIR/central.sqlite" >"$RUN_DIR/central.log" 2>&1 &
CENTRAL_PID=$!
trap 'kill $CENTRAL_PID 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -fsS http://127.0.0.1:8480/v1/health >/dev/null 2>&1 && break
  sleep 0.1
done
echo "kiosk-central running on http://127.0.0.1:8480 (log: $RUN_DIR/central.log)"
echo "simulated receipts: $RUN_DIR/data/sim-receipts.escpos"

KIOSK=("$BIN/kiosk/app/kiosk" --devices sim --central http://127.0.0.1:8480 --data-dir "$RUN_DIR/data" "$@")
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "no display found: running under Xvfb (for a visible window, run this from a desktop session)."
  echo "  the same by hand: xvfb-run -a -s '-screen 0 1920x1080x24' ${KIOSK[*]}"
  xvfb-run -a -s "-screen 0 1920x1080x24" "${KIOSK[@]}"
else
  "${KIOSK[@]}"
fi
