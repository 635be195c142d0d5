#!/usr/bin/env bash
# Runs the benchmarks on a release build and prints their figures.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh release
BIN="$PWD/build/release"
echo "# outbox enqueue"
"$BIN/bench/outbox_enqueue_bench" 2000 "${TMPDIR:-/tmp}"
echo "# catalog load + validate, search index build (shipped catalog)"
"$BIN/bench/catalog/catalog_load_bench" "$PWD/firmware_config" 30
echo "# configuration bundle verify (shipped firmware_config, signatures + hashes, per scheme)"
"$BIN/bench/remote_config/config_verify_bench" "$PWD/firmware_config" 200
echo "# configuration bundle verify + apply (stage with fsync, switch, load and validate, confirm)"
"$BIN/bench/config_apply/config_apply_bench" "$PWD/firmware_config" 30 "${TMPDIR:-/tmp}/config-apply-bench"
echo "# search per keystroke over a 5,000-item synthetic catalog"
"$BIN/bench/search/search_bench" | tail -1
echo "# pinyin keyboard: libpinyin engine creation, candidate lookup per typed letter"
"$BIN/bench/input/pinyin_bench"
echo "# ID card: decoding a 30 01 answer, whole reads over a pty against the SAM emulator"
"$BIN/bench/id_card/sam_read_bench" 200
echo "# 社保卡: the read sequence in process, card inserted (vpcd) → fields, ReadCard alone"
"$BIN/bench/card/ssse_read_bench" 30
echo "# ZXing decode per 1280x720 frame (found, not found)"
"$BIN/bench/scanner/scanner_decode_bench"
echo "# receipt: template → document → ESC/POS, whole jobs over TCP against the emulated printer"
"$BIN/bench/printer/receipt_bench" 2000
echo "# voice guidance: Speak → first PCM chunk (idle, cutting one off), whole synthesis (espeak-ng)"
"$BIN/bench/speech/speech_bench" 200
echo "# sync: a 10,000-row backlog drained to kiosk-central on loopback"
"$BIN/bench/sync/sync_drain_bench" "$BIN/central/kiosk-central" 10000 "${TMPDIR:-/tmp}"
echo "# the citizen UI: cold start, idle CPU (60 s), frame CPU per screen, touch-to-frame, memory"
bench/ui/ui_bench.sh "$BIN" 60
