#!/usr/bin/env bash
# The shipped common-character set (firmware_config/ui/common_hanzi.txt) is
# exactly 通用规范汉字表 level 1 — the 3,500 characters whose Unihan kTGH
# index is 1..3500 — in that order, 50 to a line. Regenerate with:
#   tests/ui/common_hanzi_check.sh FILE --write
set -euo pipefail
FILE="$1"
UNIHAN=/usr/share/unicode/Unihan_OtherMappings.txt.bz2
[ -r "$UNIHAN" ] || { echo "no $UNIHAN (Debian package unicode-data): skipped"; exit 0; }
expected="$(mktemp)"
trap 'rm -f "$expected"' EXIT
{
  echo "# 通用规范汉字表 (2013) level 1: the 3,500 most common characters, generated from"
  echo "# Unihan kTGH (Debian unicode-data, Unihan_OtherMappings.txt) by tests/ui/common_hanzi_check.sh;"
  echo "# the font atlas bakes them all so names and addresses render."
  bzcat "$UNIHAN" | awk -F'\t' '$1 ~ /^U\+/ && $2 == "kTGH" {
      split($3, a, ":"); if (a[2] + 0 <= 3500) print a[2] + 0, substr($1, 3) }' \
    | sort -n | awk '{ print $2 }' \
    | /usr/bin/python3 -c '
import sys
chars = [chr(int(line, 16)) for line in sys.stdin.read().split()]
assert len(chars) == 3500, len(chars)
for i in range(0, 3500, 50):
    print("".join(chars[i:i + 50]))'
} >"$expected"
if [ "${2:-}" = "--write" ]; then cp "$expected" "$FILE"; exit 0; fi
diff -q "$expected" "$FILE" >/dev/null || { echo "FAIL: $FILE differs from Unihan kTGH level 1" >&2; exit 1; }
[ "$(grep -v '^#' "$FILE" | tr -d '\n' | wc -m)" -eq 3500 ] || { echo "FAIL: not 3500 characters" >&2; exit 1; }
echo "common_hanzi.txt: the 3500 characters of 通用规范汉字表 level 1"
