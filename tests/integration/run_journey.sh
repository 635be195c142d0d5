#!/usr/bin/env bash
# Runs the citizen journeys through the real kiosk binary under Xvfb,
# against a real kiosk-central on a free port, and checks what came out:
# every screenshot, the ESC/POS receipt decoded back to text, the rating
# delivered to the central service exactly once.
# usage: run_journey.sh BUILD_DIR OUT_DIR
set -euo pipefail
BUILD="$1"
OUT="$2"
SRC="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d)"
CENTRAL_PID=""
cleanup() {
  [ -n "$CENTRAL_PID" ] && kill "$CENTRAL_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# shellcheck source=tests/integration/start_central.sh
source "$(dirname "$0")/start_central.sh"
start_central "$BUILD" "$WORK" --allow-fault-injection

run_script() {  # name
  local name="$1"
  # Leak checking stays on for the unit tests; in the UI process Mesa's
  # llvmpipe and Xlib keep allocations until exit by design, and their
  # dlopen'ed frames cannot be suppressed reliably.
  local asan="${ASAN_OPTIONS:-}:detect_leaks=0"
  mkdir -p "$OUT/$name"
  rm -f "$OUT/$name"/*.png
  (cd "$OUT/$name" && ASAN_OPTIONS="$asan" xvfb-run -a -s "-screen 0 1920x1080x24" \
    "$BUILD/kiosk/app/kiosk" --windowed --devices sim --central "$CENTRAL" \
    --data-dir "$WORK/data-$name" --receipt-out "$WORK/$name.escpos" \
    --script "$SRC/tests/integration/scripts/$name.script") >"$WORK/$name.log" 2>&1 \
    || { cat "$WORK/$name.log"; fail "kiosk --script $name exited non-zero"; }
  grep -q "first-frame-ms=" "$WORK/$name.log" || fail "$name: no first-frame-ms line"
}

run_script insurance_record_journey
for shot in 01-home 02-guide 03-identify 04-result 05-print-failed 06-rate 07-take-card 08-home-again; do
  file="$OUT/insurance_record_journey/$shot.png"
  [ -s "$file" ] || fail "missing screenshot $file"
  # A blank frame compresses to almost nothing; a rendered screen does not.
  [ "$(stat -c %s "$file")" -gt 20000 ] || fail "$file looks blank"
done
grep -q "session ending at rate: flow complete" "$WORK/insurance_record_journey.log" \
  || fail "the journey did not complete"

"$BUILD/tests/integration/escpos_dump" "$WORK/insurance_record_journey.escpos" >"$WORK/receipt.txt" \
  || fail "receipt bytes did not decode: $(cat "$WORK/receipt.txt")"
grep -q "=== job 1" "$WORK/receipt.txt" || fail "no receipt printed"
grep -q "=== job 2" "$WORK/receipt.txt" && fail "paper-out job was printed anyway"
for expected in "参保基本信息" "张伟" "440304\*\*\*\*\*\*\*\*2711" "企业职工基本养老保险" "终端编号"; do
  grep -q "$expected" "$WORK/receipt.txt" || fail "receipt lacks '$expected': $(cat "$WORK/receipt.txt")"
done
grep -q "440304198803152711" "$WORK/receipt.txt" && fail "receipt shows the full social security number"

# The rating reaches kiosk-central once (delivery runs in the background).
for _ in $(seq 50); do
  count=$(curl -fsS "$CENTRAL/v1/submissions?kind=service_rating" | grep -o '"idempotency_key"' | wc -l)
  [ "$count" -ge 1 ] && break
  sleep 0.1
done
[ "$count" -eq 1 ] || fail "expected 1 rating at kiosk-central, found $count"

run_script inactivity_timeout
for shot in 01-countdown 02-take-card-after-timeout 03-home-card-left 04-citizen-not-found; do
  [ -s "$OUT/inactivity_timeout/$shot.png" ] || fail "missing screenshot $shot"
done
grep -q "session ending at result: inactivity timeout" "$WORK/inactivity_timeout.log" \
  || fail "no inactivity timeout: $(cat "$WORK/inactivity_timeout.log")"
grep -q "citizen_not_found" "$WORK/inactivity_timeout.log" || fail "unknown person not refused"

# 灵活就业人员参保登记: a form (prefilled from the card and citizen_profile),
# refusals shown, the confirm screen, the acceptance number and its receipt.
run_script form_journey
for shot in 01-search 02-guide 03-identify 04-form-errors 05-form 06-confirm 07-accepted; do
  file="$OUT/form_journey/$shot.png"
  [ -s "$file" ] || fail "missing screenshot $file"
  [ "$(stat -c %s "$file")" -gt 20000 ] || fail "$file looks blank"
done
grep -q "receipt_printer (sim)" "$WORK/form_journey.log" || fail "no receipt printer report"
grep -q "form of ssi.flexible_employment_registration not complete yet" "$WORK/form_journey.log" \
  || fail "the empty form was not refused"
grep -q "session ending at rate: flow complete" "$WORK/form_journey.log" \
  || fail "the form journey did not complete"
number=$(grep -o "submission SL[0-9]*-[0-9A-F]* of ssi.flexible_employment_registration" \
  "$WORK/form_journey.log" | awk '{print $2}')
[ -n "$number" ] || fail "no acceptance number in the log: $(cat "$WORK/form_journey.log")"
"$BUILD/tests/integration/escpos_dump" "$WORK/form_journey.escpos" >"$WORK/form_receipt.txt" \
  || fail "form receipt bytes did not decode: $(cat "$WORK/form_receipt.txt")"
# kiosk-central is up: the submission was confirmed while the citizen
# waited, and both the screen and the receipt say 已提交.
grep -q "submission $number confirmed by the server" "$WORK/form_journey.log" \
  || fail "the submission was not delivered at once: $(cat "$WORK/form_journey.log")"
for expected in "受理回执" "$number" "灵活就业人员参保登记" "深圳市" "440304\*\*\*\*\*\*\*\*2711" \
  "100%" "2026-12-01" "已提交" "业务流水号"; do
  grep -q -- "$expected" "$WORK/form_receipt.txt" \
    || fail "form receipt lacks '$expected': $(cat "$WORK/form_receipt.txt")"
done
grep -q "440304198803152711\|6222021001123450121" "$WORK/form_receipt.txt" \
  && fail "form receipt shows a whole ID or bank card number"

# Other ways of identifying, and a broken scanner (the device manager's
# reports reach the screens).
run_script identify_devices
for shot in 01-identify-three-ways 02-result-by-id-card 03-result-by-phone-code 04-scan-refused \
  05-identify-scanner-broken 06-guide-device-unavailable 07-enterprise-result; do
  file="$OUT/identify_devices/$shot.png"
  [ -s "$file" ] || fail "missing screenshot $file"
  [ "$(stat -c %s "$file")" -gt 20000 ] || fail "$file looks blank"
done
for expected in "identified by id_card" "identified by e_social_security_qr" \
  "scanned code refused: invalid_data" "barcode_reader (sim): no_device" \
  "barcode_reader (sim): online" "identified by business_license_qr"; do
  grep -q "$expected" "$WORK/identify_devices.log" \
    || fail "identify_devices: no '$expected' in the log: $(cat "$WORK/identify_devices.log")"
done
grep -q "ln3Fh6Jk9Mn2Pq5St8Vw1Yz4Bc7Df0Gh3Jk6Mn9Pq2St" "$WORK/identify_devices.log" \
  && fail "a phone code's token reached the log"

# Drag to scroll: the list moved under the finger, glided on after it
# lifted, and the item the finger started on was not opened (the script's
# expect-screen home); a tap still opens an item.
run_script drag_scroll
differ() {  # A B: how many pixels differ
  compare -metric AE "$OUT/drag_scroll/$1.png" "$OUT/drag_scroll/$2.png" null: 2>&1 || true
}
[ "$(differ 01-list 02-lifted)" -gt 10000 ] || fail "the list did not scroll under the finger"
[ "$(differ 02-lifted 03-glided)" -gt 10000 ] || fail "the list did not glide on after the finger lifted"
grep -q "tap item:ssi.pension_bank_change" "$WORK/drag_scroll.log" || fail "drag_scroll did not finish"

# The on-screen keyboards: pinyin to 张三, an ID number ending in X, the
# search typed as initials; the session accepted both fields.
run_script keyboard
for expected in "keyboard: field child_name accepted" "keyboard: field child_id_number accepted"; do
  grep -q "$expected" "$WORK/keyboard.log" || fail "keyboard: no '$expected': $(cat "$WORK/keyboard.log")"
done
for shot in 01-search-keyboard 02-search-composing 03-search-results 04-pinyin-candidates \
  05-name-typed 06-id-number-pad 07-form-typed; do
  [ -s "$OUT/keyboard/$shot.png" ] || fail "missing screenshot keyboard/$shot"
done
grep -q "44030420180315018X" "$WORK/keyboard.log" && fail "the typed ID number reached the log"

# English, then 长辈模式 for the next citizen, with voice guidance read
# into DATA_DIR/speech.wav (simulated devices).
run_script languages
for shot in en-01-home en-02-list en-03-guide en-04-identify en-05-result en-06-rate en-07-take-card \
  en-08-form en-09-confirm en-10-accepted en-11-notice zh-01-home-again elder-01-home elder-02-guide elder-03-identify elder-04-result elder-05-rate \
  elder-06-take-card elder-07-home-voice-off elder-08-form elder-09-confirm elder-10-accepted \
  zh-02-help-voice-on; do
  [ -s "$OUT/languages/$shot.png" ] || fail "missing screenshot languages/$shot"
done
for expected in "voice: voice.home (zh-CN)" "voice: voice.identify (zh-CN)" "voice: voice.result (zh-CN)" \
  "voice: voice.take_card (zh-CN)"; do
  grep -q "$expected" "$WORK/languages.log" || fail "languages: no '$expected': $(cat "$WORK/languages.log")"
done
# English was the first citizen's choice only: nothing was read in English
# (voice is on in 长辈模式), and the second citizen's screens were Chinese.
grep -q "voice: .*(en-US)" "$WORK/languages.log" && fail "the English choice outlived its citizen"
# The voice switched off in 长辈模式 read nothing of the form; switched on
# without it, the home screen was read again.
grep -q "voice: voice.confirm" "$WORK/languages.log" && fail "the voice read on after it was switched off"
[ "$(grep -c "voice: voice.home (zh-CN)" "$WORK/languages.log")" -ge 3 ] \
  || fail "voice guidance switched on outside 长辈模式 read nothing"
[ "$(stat -c %s "$WORK/data-languages/speech.wav")" -gt 100000 ] || fail "no voice guidance was spoken"

# The progress screens while kiosk-central answers each request 2.5 s late:
# in all three modes, and a citizen who gives up waiting goes home.
faults() {  # JSON plan
  curl -fsS -X POST "$CENTRAL/v1/test/faults" -H 'Content-Type: application/json' -d "$1" \
    >/dev/null || fail "kiosk-central refused the fault plan $1"
}
faults '{"mode":"stall","stall_ms":2500}'
run_script progress_screens
faults '{"mode":"none"}'
for shot in zh-01-querying en-01-querying elder-01-querying elder-02-result-after-wait; do
  file="$OUT/progress_screens/$shot.png"
  [ -s "$file" ] || fail "missing screenshot $file"
  [ "$(stat -c %s "$file")" -gt 20000 ] || fail "$file looks blank"
done
grep -q "session ending at querying: citizen cancelled the wait" "$WORK/progress_screens.log" \
  || fail "the wait was not given up: $(cat "$WORK/progress_screens.log")"
[ "$(grep -c "query answered" "$WORK/progress_screens.log")" -eq 2 ] \
  || fail "the given-up answer was shown, or a waited one was not: $(cat "$WORK/progress_screens.log")"

echo "journeys passed; screenshots in $OUT"
