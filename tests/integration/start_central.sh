# Sourced by the integration scripts and bench/ui/ui_bench.sh: starts the
# reference kiosk-central on a port the kernel picks, its database and log
# in WORK, and sets CENTRAL (its URL) and CENTRAL_PID (the caller's cleanup
# stops it). Further arguments go to kiosk-central (--allow-fault-injection).
start_central() {  # BUILD WORK [ARGS...]
  local build="$1" work="$2"
  shift 2
  "$build/central/kiosk-central" --port 0 --port-file "$work/port" --db "$work/central.sqlite" \
    "$@" >"$work/central.log" 2>&1 &
  CENTRAL_PID=$!
  for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
  if [ ! -s "$work/port" ]; then
    echo "FAIL: kiosk-central did not start: $(cat "$work/central.log")" >&2
    exit 1
  fi
  CENTRAL="http://127.0.0.1:$(cat "$work/port")"
}
