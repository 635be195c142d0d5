#!/usr/bin/env bash
# The citizen UI's figures (issue 8), with the release kiosk under Xvfb at
# 1920x1080 (Mesa's llvmpipe: the GPU's work is CPU work here):
#   cold start to the first interactive frame (5 runs),
#   CPU while idle on the home screen for 60 s (interactive mode, no script),
#   frame CPU time (process, GPU work included) on the busiest screens,
#   touch-to-frame latency (a touch through SDL's queue to the frame that
#   shows it, GPU finished), resident memory.
# usage: ui_bench.sh BUILD_DIR [IDLE_SECONDS]
set -euo pipefail
BUILD="$(cd "$1" && pwd)"  # Absolute: the runs change directory.
IDLE="${2:-60}"
SRC="$(cd "$(dirname "$0")/../.." && pwd)"
KIOSK="$BUILD/kiosk/app/kiosk"
WORK="$(mktemp -d)"
CENTRAL_PID=""
cleanup() {
  [ -n "$CENTRAL_PID" ] && kill "$CENTRAL_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# shellcheck source=tests/integration/start_central.sh
source "$SRC/tests/integration/start_central.sh"
start_central "$BUILD" "$WORK"
run() {  # DATA SCRIPT
  xvfb-run -a -s "-screen 0 1920x1080x24" "$KIOSK" --windowed --devices sim --central "$CENTRAL" \
    --data-dir "$WORK/$1" --receipt-out "$WORK/$1.escpos" --script "$2" 2>&1
}

echo "## cold start to first interactive frame (ms)"
printf 'wait-screen home\nquit\n' >"$WORK/start.script"
for n in 1 2 3 4 5; do run "start$n" "$WORK/start.script" | grep -o "first-frame-ms=[0-9]*"; done

echo "## CPU while idle on the home screen for ${IDLE} s"
(cd "$WORK" && xvfb-run -a -s "-screen 0 1920x1080x24" "$KIOSK" --windowed --devices sim \
  --central "$CENTRAL" --data-dir "$WORK/idle" --receipt-out "$WORK/idle.escpos" >"$WORK/idle.log" 2>&1) &
for _ in $(seq 200); do grep -q "first-frame-ms" "$WORK/idle.log" 2>/dev/null && break; sleep 0.1; done
PID="$(pgrep -n -x kiosk)" || { echo "the idle kiosk did not start:"; cat "$WORK/idle.log"; exit 1; }
# (The one just started: comm "kiosk"; xvfb-run is a shell.)
sleep 5  # The full font atlas is baked in the background first.
ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
HZ="$(getconf CLK_TCK)"
before="$(ticks)"
sleep "$IDLE"
after="$(ticks)"
rss="$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")"
kill -TERM "$PID"
# Not a bare `wait`: kiosk-central runs in the background until the end.
for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
awk -v t="$((after - before))" -v hz="$HZ" -v s="$IDLE" -v rss="$rss" \
  'BEGIN { printf "idle: %.2f s CPU in %d s = %.2f %% of one core; rss %d kB\n", t/hz, s, 100*t/hz/s, rss }'

echo "## frame CPU time and touch-to-frame latency"
cat >"$WORK/frames.script" <<'SCRIPT'
wait-screen home
wait 4s
log bench: home
measure-frames 120
measure-touch home.contrast 60
tap category:social_insurance
wait 300ms
log bench: category list (25 items)
measure-frames 120
tap category.back
wait 300ms
tap search
wait 300ms
tap key:z
tap key:h
tap key:a
tap key:n
tap key:g
wait 300ms
log bench: home, pinyin keyboard with candidates
measure-frames 120
tap key:done
wait 300ms
tap search.clear
wait 300ms
tap category:social_insurance
wait 300ms
tap item:ssi.insurance_record_query
wait-screen guide
tap guide.start
wait-screen identify
card insert zhang-wei
wait-screen result
log bench: result with the record table
measure-frames 120
tap result.finish
wait-screen rate
tap rate:5
wait-screen take_card
card remove
wait-screen home
tap home.elder
wait 300ms
log bench: home in 长辈模式
measure-frames 120
SCRIPT
run frames "$WORK/frames.script" | grep -E "script: bench:|bench: |ERROR" | sed 's/^INFO //'
