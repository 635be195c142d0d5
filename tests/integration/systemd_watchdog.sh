#!/usr/bin/env bash
# The kiosk under systemd's eyes, without systemd: a listener stands in for
# NOTIFY_SOCKET (notify_listener) and the watchdog is WATCHDOG_USEC=2 s.
#  1. idle: READY=1 once the home screen is drawn, then WATCHDOG=1 at least
#     every second although nothing happens on the screen; SIGTERM ends it
#     with exit status 0 after STOPPING=1.
#  2. hung: a script blocks the UI thread (`hang 6s`): no ping for as long,
#     then the pings resume.
#  3. crash: kill -9 while idle with a submission queued; started again,
#     the kiosk shows the home screen and the submission is still queued.
# usage: systemd_watchdog.sh BUILD_DIR OUT_DIR
set -euo pipefail
BUILD="$1"
OUT="$2/systemd_watchdog"
WORK="$(mktemp -d)"
LISTENER_PID=""
KIOSK_RUN_PID=""
KIOSK_PID=""
cleanup() {
  # The kiosk first: xvfb-run's shell does not pass a kill on to it.
  [ -n "$KIOSK_PID" ] && kill -KILL "$KIOSK_PID" 2>/dev/null || true
  [ -n "$KIOSK_RUN_PID" ] && kill "$KIOSK_RUN_PID" 2>/dev/null || true
  [ -n "$LISTENER_PID" ] && kill "$LISTENER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
mkdir -p "$OUT"
rm -f "$OUT"/*.png
# Nothing listens on port 1: submissions stay queued.
NO_CENTRAL="http://127.0.0.1:1"

start_listener() {  # name
  "$BUILD/tests/integration/notify_listener" "$WORK/$1.sock" >"$WORK/$1.notify" 2>&1 &
  LISTENER_PID=$!
  for _ in $(seq 100); do [ -S "$WORK/$1.sock" ] && return; sleep 0.05; done
  fail "notify_listener did not bind $WORK/$1.sock"
}
stop_listener() {
  kill "$LISTENER_PID" 2>/dev/null || true
  wait "$LISTENER_PID" 2>/dev/null || true
  LISTENER_PID=""
}

start_kiosk() {  # name data-dir [kiosk options...]
  local name="$1" data="$2"
  shift 2
  # Leak checking is off in the UI process, as in run_journey.sh. Only the
  # kiosk gets NOTIFY_SOCKET: Xvfb would send its own READY=1.
  (cd "$OUT" && ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
    xvfb-run -a -s "-screen 0 1920x1080x24" env NOTIFY_SOCKET="$WORK/$name.sock" \
    WATCHDOG_USEC=2000000 "$BUILD/kiosk/app/kiosk" --windowed --devices sim --central "$NO_CENTRAL" --data-dir "$data" \
    --receipt-out "$WORK/$name.escpos" "$@") >"$WORK/$name.log" 2>&1 &
  KIOSK_RUN_PID=$!
}

wait_for() {  # name message seconds: the message's line in the listener's output
  local name="$1" message="$2"
  for _ in $(seq $(($3 * 10))); do
    grep -q " $message\$" "$WORK/$name.notify" && return 0
    kill -0 "$KIOSK_RUN_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$WORK/$name.log" >&2
  fail "$name: no $message from the kiosk; it sent: $(cat "$WORK/$name.notify")"
}

kiosk_pid() {  # name: the sender of READY=1, also kept for the cleanup
  KIOSK_PID="$(awk '$3 == "READY=1" { print $2; exit }' "$WORK/$1.notify")"
}

# The largest gap in ms between consecutive WATCHDOG=1 from SETTLE ms
# after READY=1 on. Right after the first frame the UI thread still does
# start-up work (the full font atlas is swapped in, which takes over a
# second under ASan on a loaded machine); idle is what comes after.
largest_gap() {  # name settle-ms
  awk -v settle="$2" '$3 == "READY=1" && ready == "" { ready = $1 }
       ready != "" && $1 >= ready + settle && $3 == "WATCHDOG=1" {
         if (last != "" && $1 - last > gap) gap = $1 - last; last = $1; n++ }
       END { print (n < 2 ? -1 : gap + 0) }' "$WORK/$1.notify"
}

pings_after_ready() {  # name settle-ms
  awk -v settle="$2" '$3 == "READY=1" && ready == "" { ready = $1 }
       ready != "" && $1 >= ready + settle && $3 == "WATCHDOG=1" { n++ } END { print n + 0 }' \
    "$WORK/$1.notify"
}

# 1. Idle: ready, pinging, stopped by SIGTERM.
start_listener idle
start_kiosk idle "$WORK/data-idle"
wait_for idle "READY=1" 120
grep -q " STATUS=home screen$" "$WORK/idle.notify" || fail "idle: no STATUS=home screen"
kiosk_pid idle
pid="$KIOSK_PID"
[ -n "$pid" ] && [ "$pid" != 0 ] || fail "idle: READY=1 came without a sender pid"
grep -q "^kiosk$" "/proc/$pid/comm" 2>/dev/null || fail "idle: READY=1 did not come from the kiosk (pid $pid)"
# Idle means the loop would sleep until the clock's next minute; the
# watchdog's limit wakes it. Eight pings is over two seconds of idling.
for _ in $(seq 600); do [ "$(pings_after_ready idle 5000)" -ge 8 ] && break; sleep 0.1; done
[ "$(pings_after_ready idle 5000)" -ge 8 ] \
  || fail "idle: only $(pings_after_ready idle 5000) pings once idle: $(cat "$WORK/idle.notify")"
gap="$(largest_gap idle 5000)"
[ "$gap" -ge 0 ] && [ "$gap" -le 1000 ] \
  || fail "idle: pings $gap ms apart (WATCHDOG_USEC 2 s asks for at least one a second): $(cat "$WORK/idle.notify")"
kill -TERM "$pid"
status=0
wait "$KIOSK_RUN_PID" || status=$?
KIOSK_RUN_PID=""
KIOSK_PID=""
[ "$status" -eq 0 ] || { cat "$WORK/idle.log"; fail "idle: SIGTERM ended the kiosk with status $status"; }
stop_listener
grep -q " STOPPING=1$" "$WORK/idle.notify" || fail "idle: no STOPPING=1 before the exit"
grep -q "SIGTERM: stopping" "$WORK/idle.log" || fail "idle: the kiosk did not log the SIGTERM"
grep -q "^INFO kiosk: stopped$" "$WORK/idle.log" \
  || fail "idle: the kiosk did not shut down in order: $(cat "$WORK/idle.log")"

# 2. Hung: the UI thread blocks for 6 s; nothing else may feed the watchdog.
cat >"$WORK/hang.script" <<'SCRIPT'
wait-screen home 120s
wait 2s
hang 6s
log the UI thread is back
wait 2s
quit
SCRIPT
start_listener hang
start_kiosk hang "$WORK/data-hang" --script "$WORK/hang.script"
status=0
wait "$KIOSK_RUN_PID" || status=$?
KIOSK_RUN_PID=""
KIOSK_PID=""
stop_listener
[ "$status" -eq 0 ] || { cat "$WORK/hang.log"; fail "hang: the script failed (status $status)"; }
grep -q "the UI thread is back" "$WORK/hang.log" || fail "hang: the script did not run to its end"
gap="$(largest_gap hang 0)"
[ "$gap" -ge 6000 ] || fail "hang: pings went on while the UI thread hung (largest gap $gap ms): $(cat "$WORK/hang.notify")"
# After the hang the loop feeds the watchdog again.
awk -v gap="$gap" '$3 == "WATCHDOG=1" { if (last != "" && $1 - last == gap) found = 1; else if (found) after++; last = $1 }
     END { exit !(after >= 1) }' "$WORK/hang.notify" \
  || fail "hang: no ping after the hang: $(cat "$WORK/hang.notify")"
grep -q " STOPPING=1$" "$WORK/hang.notify" || fail "hang: no STOPPING=1 at the script's end"

# 3. Crash: a queued submission survives kill -9, the kiosk comes back home.
data="$WORK/data-crash"
echo '{"child_name":"王小明"}' >"$WORK/submission.json"
"$BUILD/kiosk/app/kioskctl" submit --item ssc.child_card_application --data "$WORK/submission.json" \
  --data-dir "$data" >"$WORK/submit.json" || fail "kioskctl submit failed"
start_listener crash
start_kiosk crash "$data"
wait_for crash "READY=1" 120
kiosk_pid crash
pid="$KIOSK_PID"
grep -q "^kiosk$" "/proc/$pid/comm" 2>/dev/null || fail "crash: no kiosk at pid $pid"
kill -KILL "$pid"
wait "$KIOSK_RUN_PID" || true
KIOSK_RUN_PID=""
KIOSK_PID=""
stop_listener
grep -q " STOPPING=1$" "$WORK/crash.notify" && fail "crash: STOPPING=1 from a killed kiosk"
# What systemd's Restart=always does next.
cat >"$WORK/restart.script" <<'SCRIPT'
wait-screen home 120s
expect-screen home
screenshot 01-home-after-crash.png
quit
SCRIPT
start_listener restart
start_kiosk restart "$data" --script "$WORK/restart.script"
status=0
wait "$KIOSK_RUN_PID" || status=$?
KIOSK_RUN_PID=""
KIOSK_PID=""
stop_listener
[ "$status" -eq 0 ] || { cat "$WORK/restart.log"; fail "restart: not back at the home screen (status $status)"; }
grep -q " READY=1$" "$WORK/restart.notify" || fail "restart: no READY=1"
[ "$(stat -c %s "$OUT/01-home-after-crash.png")" -gt 20000 ] || fail "restart: the home screen looks blank"
"$BUILD/kiosk/app/kioskctl" queue status --data-dir "$data" --json >"$WORK/queue.json" \
  || fail "kioskctl queue status failed"
waiting="$(jq '.counts.pending + .counts.in_flight' "$WORK/queue.json")"
[ "$waiting" -eq 1 ] || fail "restart: the queued submission is gone: $(cat "$WORK/queue.json")"
[ "$(jq '.counts.delivered + .counts.dead' "$WORK/queue.json")" -eq 0 ] \
  || fail "restart: the submission changed state: $(cat "$WORK/queue.json")"
echo "systemd watchdog checks passed; screenshot in $OUT"
