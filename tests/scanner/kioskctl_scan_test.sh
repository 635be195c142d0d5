#!/usr/bin/env bash
# `kioskctl scan` through the real binary: --image with a 一码通行 licence
# QR code and an 电子社保卡 code made by qrencode, a refused licence code, a
# picture without a code, a missing file, bad usage; --device with a serial
# scanner played on a pty — output and exit status of each.
# usage: kioskctl_scan_test.sh PATH/TO/kioskctl
set -euo pipefail
KIOSKCTL=$1
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kioskctl-scan-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

failures=0
check() {  # check NAME EXPECTED-STATUS COMMAND...
  local name=$1 expected=$2
  shift 2
  local status=0
  "$@" >"$WORK/out" 2>"$WORK/err" || status=$?
  if [ "$status" -ne "$expected" ]; then
    echo "FAIL $name: exit $status, expected $expected"
    sed 's/^/  stdout: /' "$WORK/out"
    sed 's/^/  stderr: /' "$WORK/err"
    failures=$((failures + 1))
    return 1
  fi
  echo "ok   $name"
}
expect_in() {  # expect_in NAME FILE TEXT
  if ! grep -qF -- "$3" "$2"; then
    echo "FAIL $1: $2 lacks: $3"
    sed 's/^/  /' "$2"
    failures=$((failures + 1))
  fi
}
json_field() {  # json_field FIELD < json
  python3 -c 'import json,sys; v=json.load(sys.stdin)[sys.argv[1]]; print(json.dumps(v) if not isinstance(v,str) else v)' "$1"
}

probe=$("$KIOSKCTL" scan 2>&1 || true)
if [[ "$probe" == *"unknown command: scan"* ]]; then
  echo "FAIL: $KIOSKCTL does not dispatch 'scan' (call kiosk::ctl::ScanCommand from kioskctl.cc)"
  exit 1
fi

LICENCE='https://www.gdzwfw.gov.cn/ymtx/yyzz?uscc=91440300557193620Y&v=1'
TOKEN='q8Zr3VxN0m5T-bH7yKdL2wQ9sJc_EuA4gFiR6tPoXnB1lDz8vMhYeWkS0aCjU'
qrencode -o "$WORK/licence.png" -s 6 "$LICENCE"
qrencode -o "$WORK/essc.png" -s 6 "ESSC1:$TOKEN"
qrencode -o "$WORK/forged.png" -s 6 'https://www.gdzwfw.gov.cn/ymtx/yyzz?uscc=91440300557193620X&v=1'
convert -size 640x480 -seed 3 plasma:fractal -colorspace Gray "$WORK/nocode.png"

if check "licence code" 0 "$KIOSKCTL" scan --image "$WORK/licence.png"; then
  [ "$(json_field format <"$WORK/out")" = qr_code ] || { echo "FAIL format"; failures=$((failures + 1)); }
  [ "$(json_field classification <"$WORK/out")" = business_license_qr ] ||
    { echo "FAIL classification"; failures=$((failures + 1)); }
  [ "$(json_field credit_code <"$WORK/out")" = 91440300557193620Y ] ||
    { echo "FAIL credit_code"; failures=$((failures + 1)); }
  [ "$(json_field text <"$WORK/out")" = "$LICENCE" ] || { echo "FAIL text"; failures=$((failures + 1)); }
  python3 -c 'import json,sys; p=json.load(sys.stdin)["position"]; assert len(p)==4 and all(len(c)==2 for c in p)' \
    <"$WORK/out" || { echo "FAIL position"; failures=$((failures + 1)); }
fi

if check "e-SSC code, token cut short" 0 "$KIOSKCTL" scan --image "$WORK/essc.png"; then
  [ "$(json_field classification <"$WORK/out")" = e_social_security_qr ] ||
    { echo "FAIL essc classification"; failures=$((failures + 1)); }
  [ "$(json_field text <"$WORK/out")" = "ESSC1:q8Zr3V…(61 characters)" ] ||
    { echo "FAIL essc text"; failures=$((failures + 1)); }
  if grep -qF "$TOKEN" "$WORK/out" "$WORK/err"; then
    echo "FAIL the whole token was printed"
    failures=$((failures + 1))
  fi
fi

if check "forged credit code refused" 4 "$KIOSKCTL" scan --image "$WORK/forged.png"; then
  expect_in "forged" "$WORK/out" '"reason": "bad_credit_code"'
  expect_in "forged" "$WORK/out" '"classification": "refused"'
fi

if check "no code in the picture" 3 "$KIOSKCTL" scan --image "$WORK/nocode.png"; then
  expect_in "no code" "$WORK/err" "no QR, Data Matrix, PDF417 or Code 128 code found"
fi

if check "missing file" 1 "$KIOSKCTL" scan --image "$WORK/absent.png"; then
  expect_in "missing" "$WORK/err" "not_found: no file $WORK/absent.png"
fi

echo "not a picture" >"$WORK/notes.png"
if check "not an image" 1 "$KIOSKCTL" scan --image "$WORK/notes.png"; then
  expect_in "not an image" "$WORK/err" "is not an image this tool reads"
fi

check "usage: no source" 2 "$KIOSKCTL" scan || true
check "usage: bad type" 2 "$KIOSKCTL" scan --device /dev/ttyS0 --type printer || true
if check "unknown device kind" 2 "$KIOSKCTL" scan --device /tmp/whatever; then
  expect_in "unknown kind" "$WORK/err" "add --type"
fi
if check "device absent" 1 "$KIOSKCTL" scan --device /dev/ttyACM-absent --timeout 1; then
  expect_in "device absent" "$WORK/err" "no serial device at /dev/ttyACM-absent"
fi

# A serial scanner on a pty: the code arrives half a second after kioskctl
# starts waiting; then nothing arrives within the timeout.
if ! python3 - "$KIOSKCTL" "$LICENCE" <<'PYTHON'; then
import json, os, pty, subprocess, sys, time
kioskctl, licence = sys.argv[1], sys.argv[2]
master, slave = pty.openpty()
path = os.ttyname(slave)
run = subprocess.Popen([kioskctl, "scan", "--device", path, "--timeout", "10"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
time.sleep(0.5)
os.write(master, licence.encode() + b"\r\n")
out, err = run.communicate(timeout=30)
result = json.loads(out)
assert run.returncode == 0, (run.returncode, err)
assert result["classification"] == "business_license_qr", result
assert result["credit_code"] == "91440300557193620Y", result
assert result["device"].startswith("serial " + path), result
run = subprocess.run([kioskctl, "scan", "--device", path, "--timeout", "0.3"],
                     capture_output=True, timeout=30)
assert run.returncode == 3, (run.returncode, run.stderr)
assert b"no code read by serial" in run.stderr, run.stderr
PYTHON
  echo "FAIL serial scanner on a pty"
  failures=$((failures + 1))
else
  echo "ok   serial scanner on a pty"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all kioskctl scan checks passed"
