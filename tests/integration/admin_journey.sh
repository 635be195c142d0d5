#!/usr/bin/env bash
# Admin mode through the real kiosk binary under Xvfb (issue 9), against a
# real kiosk-central: a submission the central service refuses for good
# becomes a dead letter; an operator logs in with card and PIN, tests the
# devices, exports logs, takes the terminal out of service; an
# administrator discards the dead letter and puts it back in service.
# Checks the screenshots, the exported bundle (no personal data), the
# outbox, and that the audit log verifies — and that a changed copy does not.
# usage: admin_journey.sh BUILD_DIR OUT_DIR
set -euo pipefail
BUILD="$1"
OUT="$2/admin"
SRC="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d)"
CENTRAL_PID=""
cleanup() {
  [ -n "$CENTRAL_PID" ] && kill "$CENTRAL_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
KIOSKCTL="$BUILD/kiosk/app/kioskctl"
DATA="$WORK/data"

# shellcheck source=tests/integration/start_central.sh
source "$(dirname "$0")/start_central.sh"
start_central "$BUILD" "$WORK" --allow-fault-injection

# A submission whose idempotency key someone else used first: the central
# service refuses it for good (422), so the kiosk makes it a dead letter.
echo '{"child_name":"王小明"}' >"$WORK/child.json"
key=$("$KIOSKCTL" submit --item ssc.child_card_application --data "$WORK/child.json" \
  --data-dir "$DATA" | jq -r .idempotency_key)
[ -n "$key" ] || fail "kioskctl submit gave no key"
curl -fsS -X POST "$CENTRAL/v1/regions/442000/submissions" -H "Idempotency-Key: $key" \
  -H 'Content-Type: application/json' \
  -d '{"kind":"other","item_id":"x","kiosk_id":"y","payload":{}}' >/dev/null

mkdir -p "$OUT"
rm -f "$OUT"/*.png
(cd "$OUT" && ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" xvfb-run -a -s "-screen 0 1920x1080x24" \
  "$BUILD/kiosk/app/kiosk" --windowed --devices sim --central "$CENTRAL" --data-dir "$DATA" \
  --receipt-out "$WORK/receipts.escpos" \
  --script "$SRC/tests/integration/scripts/admin.script") >"$WORK/kiosk.log" 2>&1 \
  || { cat "$WORK/kiosk.log"; fail "kiosk --script admin exited non-zero"; }

for shot in 01-login 02-login-wrong-pin 03-receipt-test-no-paper 04-device-tests \
  05-queue-operator 06-sync 07-config 08-logs-exported 09-terminal-out-of-service \
  10-citizens-see-out-of-service 11-queue-administrator 12-dead-letter-discarded \
  13-home-in-service; do
  file="$OUT/$shot.png"
  [ -s "$file" ] || fail "missing screenshot $file"
  [ "$(stat -c %s "$file")" -gt 20000 ] || fail "$file looks blank"
done
log="$WORK/kiosk.log"
expect_log() { grep -q -- "$1" "$log" || fail "no '$1' in the kiosk log: $(tail -50 "$log")"; }
expect_log "admin login opened"
expect_log "operator 1001 (operator) logged in"
expect_log "device test receipt: failed"
expect_log "device test receipt: passed"
expect_log "device test card: passed"
expect_log "terminal out of service"
expect_log "operator 9001 (administrator) logged in"
expect_log "terminal back in service"
grep -q "S10010011\|S90010012" "$log" && fail "an operator card number reached the log"

# The receipt test printed once (the first attempt had no paper).
"$BUILD/tests/integration/escpos_dump" "$WORK/receipts.escpos" >"$WORK/receipts.txt" \
  || fail "receipt bytes did not decode"
grep -q "打印测试" "$WORK/receipts.txt" || fail "no test receipt: $(cat "$WORK/receipts.txt")"
grep -q "=== job 2" "$WORK/receipts.txt" && fail "the test receipt printed twice"

# The bundle on the (simulated) USB drive: diagnostics and the log, no
# personal data (the child's name was in the submission).
bundle=$(find "$DATA/usb" -maxdepth 1 -type d -name 'kiosk-*' | head -1)
[ -n "$bundle" ] || fail "no diagnostics bundle under $DATA/usb"
[ -s "$bundle/diagnostics.json" ] || fail "bundle lacks diagnostics.json"
jq -e '.kiosk_id == "ZS-24H-HALL1-T03"' "$bundle/diagnostics.json" >/dev/null \
  || fail "diagnostics.json does not name the kiosk"
grep -rq "王小明" "$bundle" && fail "personal data in the diagnostics bundle"

# The dead letter is gone; nothing else was touched.
status=$("$KIOSKCTL" queue status --data-dir "$DATA" --json)
[ "$(echo "$status" | jq '.counts.dead')" -eq 0 ] || fail "dead letter not discarded: $status"

# The audit trail: intact, with every action; a changed record is named.
"$KIOSKCTL" audit verify "$DATA/audit.log" >"$WORK/verify.txt" \
  || fail "audit log does not verify: $(cat "$WORK/verify.txt")"
for action in admin_gesture login_failed login test_device export_logs set_out_of_service \
  discard_dead_letter logout; do
  grep -q "\"action\":\"$action\"" "$DATA/audit.log" || fail "no $action in the audit log"
done
sed '5s/"outcome":"ok"/"outcome":"failed"/; 5s/"outcome":"refused"/"outcome":"ok"/' \
  "$DATA/audit.log" >"$WORK/tampered.log"
cmp -s "$DATA/audit.log" "$WORK/tampered.log" && fail "the tampering changed nothing"
if "$KIOSKCTL" audit verify "$WORK/tampered.log" >"$WORK/tampered.txt" 2>&1; then
  fail "a changed audit log verified"
fi
grep -q "record 5\|line 5" "$WORK/tampered.txt" || fail "the changed record is not named: $(cat "$WORK/tampered.txt")"
echo "admin journey: OK"
