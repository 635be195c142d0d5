#!/usr/bin/env bash
# Remote configuration end to end (issue 7): headquarters' tools make keys,
# a root and a signed bundle whose catalog renames an item, whose regions'
# endpoint moves (the installed one answers nothing) and whose receipt
# printer is a 58 mm one, and publish it to a repository a real nginx
# serves; the kiosk under Xvfb picks it up without a restart, a citizen
# finds the renamed item, gets the record from the new endpoint and a
# 58 mm receipt, and the rating reaches the new endpoint. Then a bundle
# whose catalog does not validate is published: the kiosk refuses it (the
# health check), reports why to kiosk-central, and keeps version 1.
# usage: config_update.sh BUILD_DIR OUT_DIR
set -euo pipefail
BUILD="$1"
OUT="$2"
SRC="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d)"
CENTRAL_PID=""
NGINX_PID=""
cleanup() {
  [ -n "$CENTRAL_PID" ] && kill "$CENTRAL_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
KIOSKCTL="$BUILD/kiosk/app/kioskctl"
EXPIRES="$(date -u -d '+30 days' +%Y-%m-%d)"

# Headquarters: a root key, a targets key (SM2, as government deployments
# often require) and root metadata trusting them.
mkdir -p "$WORK/keys"
"$KIOSKCTL" config keygen --scheme ed25519 --out "$WORK/keys/root" >/dev/null
"$KIOSKCTL" config keygen --scheme sm2 --out "$WORK/keys/targets" >/dev/null
"$KIOSKCTL" config root --root-key "$WORK/keys/root.pub" --targets-key "$WORK/keys/targets.pub" \
  --version 1 --expires "$EXPIRES" --sign-with "$WORK/keys/root.key" --out "$WORK/root.json"

# kiosk-central takes the kiosk's reports; nginx serves the repository.
# shellcheck source=tests/integration/start_central.sh
source "$(dirname "$0")/start_central.sh"
start_central "$BUILD" "$WORK"
REPO_PORT=$(/usr/bin/python3 -c 'import random; print(random.randint(20000, 31999))')
mkdir -p "$WORK/repo" "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<CONF
master_process off;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log info;
events { worker_connections 64; }
http {
  access_log $WORK/nginx/access.log;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  server { listen 127.0.0.1:$REPO_PORT; root $WORK/repo; }
}
CONF
/usr/sbin/nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
NGINX_PID=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$REPO_PORT/" && break; sleep 0.05; done

# The kiosk as installed: the shipped configuration with this root and
# headquarters polled every second.
cp -r "$SRC/firmware_config" "$WORK/installed"
rm -rf "$WORK/installed/keys/dev-private"
cp "$WORK/root.json" "$WORK/installed/keys/root.json"
jq --arg hq "$CENTRAL" --arg repo "http://127.0.0.1:$REPO_PORT" \
  '.headquarters = {endpoint: $hq, config_repository: $repo, poll_interval_s: 1, poll_jitter_percent: 0}
   | .regions[].endpoint = "http://127.0.0.1:9"' \
  "$SRC/firmware_config/kiosk.json" >"$WORK/installed/kiosk.json"

publish() {  # SOURCE_DIR VERSION
  "$KIOSKCTL" config sign "$1" --key "$WORK/keys/targets.key" --version "$2" \
    --expires "$EXPIRES" --target region=442000 --exclude keys --out "$WORK/bundle$2" >/dev/null
  "$KIOSKCTL" config publish "$WORK/bundle$2" --repo "$WORK/repo" --root "$WORK/root.json" >/dev/null
}

# Version 1: 参保基本信息查询 renamed.
cp -r "$WORK/installed" "$WORK/v1"
sed -i 's/"zh": "参保基本信息查询"/"zh": "参保基本信息查询（新版）"/' \
  "$WORK/v1/catalog/items/ssi.insurance_record_query.json"
grep -q "新版" "$WORK/v1/catalog/items/ssi.insurance_record_query.json" || fail "rename did not apply"
jq --arg central "$CENTRAL" '.regions[].endpoint = $central
  | .devices.receipt_printer_profile = "generic-58mm"' "$WORK/installed/kiosk.json" >"$WORK/v1/kiosk.json"
publish "$WORK/v1" 1

# Version 2 (published once version 1 is applied): a catalog item that
# does not validate — signed by headquarters all the same.
cp -r "$WORK/v1" "$WORK/v2"
echo '{"id": "ssi.broken"}' >"$WORK/v2/catalog/items/ssi.broken.json"
(
  for _ in $(seq 300); do
    curl -fsS "$CENTRAL/v1/kiosks/ZS-24H-HALL1-T03/reports?kind=config" 2>/dev/null \
      | grep -q '"event":"applied"' && break
    sleep 0.2
  done
  publish "$WORK/v2" 2
) &
PUBLISHER=$!

mkdir -p "$OUT/config_update"
rm -f "$OUT/config_update"/*.png
(cd "$OUT/config_update" && ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
  xvfb-run -a -s "-screen 0 1920x1080x24" \
  "$BUILD/kiosk/app/kiosk" --windowed --devices sim --config "$WORK/installed" \
  --data-dir "$WORK/data" --receipt-out "$WORK/receipts.escpos" \
  --script "$SRC/tests/integration/scripts/config_update.script") >"$WORK/kiosk.log" 2>&1 \
  || { cat "$WORK/kiosk.log"; fail "kiosk --script config_update exited non-zero"; }
wait "$PUBLISHER" || true

grep -q "configuration 1 applied without a restart" "$WORK/kiosk.log" \
  || fail "version 1 not applied: $(cat "$WORK/kiosk.log")"
grep -q "configuration 2 failed its health check" "$WORK/kiosk.log" \
  || fail "version 2 not refused: $(grep config "$WORK/kiosk.log")"
[ "$(grep -c 'first-frame-ms=' "$WORK/kiosk.log")" -eq 1 ] || fail "the kiosk restarted"
for shot in 01-installed 02-new-catalog 03-guide 03-result 04-still-version-1; do
  [ -s "$OUT/config_update/$shot.png" ] || fail "missing screenshot $shot"
done
REPORTS="$(curl -fsS "$CENTRAL/v1/kiosks/ZS-24H-HALL1-T03/reports?kind=config")"
echo "$REPORTS" | jq -e '.reports[] | select(.report.event == "applied" and .report.version == 1)' \
  >/dev/null || fail "no 'applied 1' report: $REPORTS"
echo "$REPORTS" | jq -e '.reports[] | select(.report.event == "refused" and .report.version == 2
  and (.report.reason | startswith("health_check_failed: catalog_invalid")))' >/dev/null \
  || fail "no refusal of version 2 with its reason: $REPORTS"
[ "$(readlink "$WORK/data/config/current")" = "versions/1" ] || fail "the kiosk does not run version 1"

# Version 1's devices and endpoints took effect without a restart: the
# receipt printer was reopened with the 58 mm profile (its rule is 32
# columns, not 48), the record came from the new endpoint, and the rating
# was delivered there.
grep -q "receipt_printer (sim) closed: the new configuration changes it" "$WORK/kiosk.log" \
  || fail "the receipt printer was not reopened: $(grep devices "$WORK/kiosk.log")"
grep -q "card_reader (sim) closed" "$WORK/kiosk.log" && fail "an unchanged reader was reopened"
"$BUILD/tests/integration/escpos_dump" "$WORK/receipts.escpos" >"$WORK/receipt.txt" \
  || fail "receipt bytes did not decode: $(cat "$WORK/receipt.txt")"
grep -q "张伟" "$WORK/receipt.txt" || fail "no record receipt: $(cat "$WORK/receipt.txt")"
RULE="$(grep -E '^-{8,}$' "$WORK/receipt.txt" | head -1)"
[ "${#RULE}" -eq 32 ] || fail "the receipt's rule is ${#RULE} columns, not 32 (58 mm)"
for _ in $(seq 50); do
  count=$(curl -fsS "$CENTRAL/v1/submissions?kind=service_rating" | grep -o '"idempotency_key"' | wc -l)
  [ "$count" -ge 1 ] && break
  sleep 0.1
done
[ "$count" -eq 1 ] || fail "expected 1 rating at the new endpoint, found $count"
echo "config update: version 1 applied without a restart (catalog, endpoint, 58 mm printer)," \
  "version 2 refused (catalog_invalid)"
