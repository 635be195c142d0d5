#!/usr/bin/env bash
# The fleet page (issue 9) as an operator's browser shows it: kiosk-central
# gets heartbeats from three kiosks — one healthy, one out of paper with
# dead letters and a nearly full outbox, one that stops sending (its
# heartbeat interval is 1 s, so kiosk-central's own clock makes it stale
# three seconds later) — and headless Chromium renders /fleet; the
# rendered DOM must show the rows, the problems in words and the counts.
# Then a kiosk's values carrying markup must show as text, none of it run.
# FLEET_SCREENSHOT=1 also writes OUT_DIR/fleet_page.png (1600x900);
# FLEET_SCREENSHOT=PATH writes it to PATH (docs/screenshots/fleet_page.png).
# Exit 77 (skipped) only when Chromium is not installed (scripts/deps.sh
# installs it).
# usage: fleet_page.sh BUILD_DIR OUT_DIR
set -euo pipefail
BUILD="$1"
OUT="$2"
CHROMIUM="$(command -v chromium || true)"
[ -n "$CHROMIUM" ] || { echo "SKIP: chromium is not installed (scripts/deps.sh)"; exit 77; }
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
start_central "$BUILD" "$WORK"

# heartbeat ID INTERVAL_S JQ_EDIT: a heartbeat as HeartbeatJson writes it,
# edited by JQ_EDIT, posted as the kiosk's report.
heartbeat() {
  local now_ms=$(($(date +%s) * 1000))
  jq -n --arg id "$1" --argjson interval "$2" --argjson now "$now_ms" '{
      kiosk_id: $id, region: "442000", software_version: "0.1.0", config_version: 5,
      uptime_s: 273600, interval_s: $interval, in_service: true, out_of_service_reason: "",
      devices: [{device: "card_reader", state: "ok", detail: ""},
                {device: "id_card_reader", state: "ok", detail: ""},
                {device: "receipt_printer", state: "ok", detail: ""}],
      queue: {pending: 0, in_flight: 0, dead: 0, oldest_pending_age_s: 0, used_bytes: 0,
              max_bytes: 268435456, rows: 0, max_rows: 20000, near_full: false, accepting: true},
      last_contact_unix_ms: {"442000": $now}, audit_seq: 4711,
      audit_hash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
      sent_unix_ms: $now} | '"$3" >"$WORK/beat.json"
  local status
  status=$(curl -sS -o "$WORK/answer.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary "@$WORK/beat.json" "$CENTRAL/v1/kiosks/$(jq -rn --arg id "$1" '$id|@uri')/reports/heartbeat")
  [ "$status" = 201 ] || fail "heartbeat of $1 answered $status: $(cat "$WORK/answer.json")"
}

heartbeat ZS-HALL2-T05 1 '.region = "440300" | .uptime_s = 3000'
heartbeat ZS-HALL1-T01 60 '.'
heartbeat ZS-HALL1-T02 60 '.devices[2] = {device: "receipt_printer", state: "fault", detail: "paper_out"}
  | .queue = {pending: 18210, in_flight: 1, dead: 3, oldest_pending_age_s: 5400, used_bytes: 201326592,
              max_bytes: 268435456, rows: 18214, max_rows: 20000, near_full: true, accepting: true}
  | .uptime_s = 86000'
# ZS-HALL2-T05 sends no more: wait (on kiosk-central's clock) until it is stale.
for _ in $(seq 150); do
  curl -fsS "$CENTRAL/v1/fleet" | jq -e '.kiosks[] | select(.kiosk_id == "ZS-HALL2-T05") | .status == "stale"' \
    >/dev/null && break
  sleep 0.2
done
curl -fsS "$CENTRAL/v1/fleet" | jq -e '.summary == {total: 3, online: 2, stale: 1, fault: 1, warning: 0}' \
  >/dev/null || fail "fleet summary: $(curl -sS "$CENTRAL/v1/fleet")"

browse() {  # OUTPUT [extra chromium args]: the page's rendered DOM
  local output="$1"
  shift
  "$CHROMIUM" --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --user-data-dir="$WORK/chromium" --window-size=1600,900 "$@" \
    "$CENTRAL/fleet" >"$output" 2>"$WORK/chromium.log" \
    || fail "chromium failed: $(tail -20 "$WORK/chromium.log")"
}
browse "$WORK/dom.html" --dump-dom
DOM="$WORK/dom.html"
row() { grep -F "data-kiosk=\"$1\"" "$DOM" || fail "no row for $1 in: $(cat "$DOM")"; }

grep -q '<th>终端</th>.*<th>最后心跳</th>' "$DOM" || fail "table headings missing"
grep -q '<span>在线 2</span>' "$DOM" || fail "online count: $(grep summary "$DOM")"
grep -q '<span class="bad">离线 1</span>' "$DOM" || fail "offline count: $(grep summary "$DOM")"
grep -q '<span class="bad">故障 1</span>' "$DOM" || fail "fault count: $(grep summary "$DOM")"
row ZS-HALL1-T02 | grep -q '<td class="bad">凭条打印机：缺纸</td>' || fail "paper out not shown"
row ZS-HALL1-T02 | grep -q '<td class="warn">3 条待处理</td>' || fail "dead letters not shown"
row ZS-HALL1-T02 | grep -q '队列将满（91%）' || fail "near-full outbox not shown: $(row ZS-HALL1-T02)"
row ZS-HALL2-T05 | grep -q '<td class="bad">离线（[0-9]*秒前无心跳）</td>' || fail "stale kiosk not 离线"
row ZS-HALL1-T01 | grep -q '<td>在线</td>' || fail "healthy kiosk not 在线"
row ZS-HALL1-T01 | grep -q 'class="bad"\|class="warn"' && fail "healthy kiosk highlighted"
# Problems first: the two faults (by id), then the healthy kiosk.
order=$(grep -o 'data-kiosk="[^"]*"' "$DOM" | tr '\n' ' ')
[ "$order" = 'data-kiosk="ZS-HALL1-T02" data-kiosk="ZS-HALL2-T05" data-kiosk="ZS-HALL1-T01" ' ] \
  || fail "row order: $order"

if [ -n "${FLEET_SCREENSHOT:-}" ]; then
  shot="$FLEET_SCREENSHOT"
  [ "$shot" = 1 ] && shot="$OUT/fleet_page.png"
  mkdir -p "$(dirname "$shot")"
  (cd "$WORK" && browse "$WORK/screenshot.log" --screenshot="$WORK/fleet_page.png" --hide-scrollbars)
  [ -s "$WORK/fleet_page.png" ] || fail "no screenshot"
  cp "$WORK/fleet_page.png" "$shot"
  echo "screenshot: $shot"
fi

# A kiosk whose region, device and detail carry markup (kiosk-central
# accepts only letters, digits, - _ . in a kiosk id): shown as text; had
# any of it run, the page would have been replaced.
heartbeat ZS-HALL3-T09 60 '.region = "<b>442000</b>"
  | .devices[2] = {device: "<img src=x onerror=\"document.body.innerHTML=1\">", state: "fault",
                   detail: "<script>document.body.innerHTML=\"pwned\"</script>"}'
browse "$WORK/dom.html" --dump-dom
grep -q '<script\|<img\|<b>' "$DOM" && fail "markup from a kiosk reached the page: $(grep -n '<script\|<img\|<b>' "$DOM")"
row ZS-HALL3-T09 | grep -qF '<td>&lt;b&gt;442000&lt;/b&gt;</td>' || fail "escaped region not shown: $(row ZS-HALL3-T09)"
row ZS-HALL3-T09 | grep -qF '&lt;img src=x onerror="document.body.innerHTML=1"&gt;：&lt;script&gt;document.body.innerHTML="pwned"&lt;/script&gt;' \
  || fail "escaped device not shown as text: $(row ZS-HALL3-T09)"
row ZS-HALL1-T01 >/dev/null
echo "fleet page OK"
