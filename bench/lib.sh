# Shared by bench/run and bench/cold: the benchmark stack's settings, wrk and its results, the data.
# Sourced, not run; the sourcing script sets RUN_SECONDS and its own traps.

BENCH_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO_DIR=$(dirname -- "$BENCH_DIR")
LOCAL=$REPO_DIR/deploy/local
RESULTS_DIR=$BENCH_DIR/results
WORK_DIR=$BENCH_DIR/.work

# The stack's own folders, ports and databases (deploy/local/lib.sh reads these).
# The benchmark measures the services, not sign-in: they trust the development key, whose tokens
# (deploy/local/token with this setting) outlive a run; no Keycloak is started.
export TRACKER_IDENTITY=development-key
export TRACKER_DB_SUFFIX=_bench
export TRACKER_RUN_DIR=$WORK_DIR/run TRACKER_LOG_DIR=$WORK_DIR/logs
export TASK_SERVICE_PORT=28081 PROGRESS_SERVICE_PORT=28082 NOTIFICATION_SERVICE_PORT=28083
export KAFKA_PORT=30092 KAFKA_CONTROLLER_PORT=30093 KAFKA_STATE_DIR=$WORK_DIR/kafka
# 32 bureaus sending thousands of reports a second would meet the per-caller write limit at once.
export TRACKER_RATE_LIMIT_WRITES_PER_PERIOD=1000000
TASK=http://127.0.0.1:$TASK_SERVICE_PORT
PROGRESS=http://127.0.0.1:$PROGRESS_SERVICE_PORT
NOTIFICATION=http://127.0.0.1:$NOTIFICATION_SERVICE_PORT
BASELINE_DB=bench_baseline
mkdir -p "$WORK_DIR" "$RESULTS_DIR"

if ! command -v wrk >/dev/null; then
    echo "Installing wrk (Debian package) ..."
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

stop_stack() {
    "$LOCAL/down" >/dev/null || true
}

median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# wrk_result KEY: a value of the last wrk run's RESULT line
wrk_result() {
    sed -n 's/^RESULT //p' "$WORK_DIR/wrk.out" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

# run_wrk URL [wrk options...]: one wrk run with requests.lua; BENCH_* variables choose the mode
run_wrk() {
    local url=$1
    shift
    wrk -t2 -c16 -d"${RUN_SECONDS}s" "$@" -s "$BENCH_DIR/wrk/requests.lua" "$url" >"$WORK_DIR/wrk.out" 2>"$WORK_DIR/wrk.err" || {
        cat "$WORK_DIR/wrk.err" >&2
        return 1
    }
    [ ! -s "$WORK_DIR/wrk.err" ] || sed 's/^/  wrk: /' "$WORK_DIR/wrk.err" | head -n 3 >&2
}

# median_rate URL [wrk options...]: the median rate of three runs
median_rate() {
    local rates=() failures=0
    for _ in 1 2 3; do
        run_wrk "$@"
        rates+=("$(wrk_result rate)")
        failures=$((failures + $(wrk_result failures) + $(wrk_result socket_errors)))
    done
    [ "$failures" -eq 0 ] || echo "  ($failures failed requests in these runs)" >&2
    printf '%s\n' "${rates[@]}" | median
}

# ---- data -----------------------------------------------------------------------------------------
PROVINCES=$(grep -o '"code": *"[0-9]\{6\}"' "$REPO_DIR/seeds/provinces.json" | grep -o '[0-9]\{6\}' | paste -sd, -)
ITEMS=$(grep -o '"code": *"P[0-9]*\.[0-9]*"' "$REPO_DIR/seeds/priorities.json" | grep -o 'P[0-9.]*' | paste -sd, -)
export BENCH_ITEMS=$ITEMS BENCH_THREADS=2 BENCH_TOKENS=$WORK_DIR/reporter-tokens
: >"$BENCH_TOKENS"
for code in ${PROVINCES//,/ }; do
    echo "$code $("$LOCAL/token" provincial-reporter "$code")" >>"$BENCH_TOKENS"
done
VIEWER_TOKEN=$("$LOCAL/token" viewer)

progress_sql() {
    PGPASSWORD=progress_bench-local psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U progress_bench -d progress_bench "$@"
}

# Every report goes (the events stay, and with them each item's sequence).
clear_reports() {
    progress_sql -c "TRUNCATE report, report_version, latest_report, idempotency_key"
}

seed_reports() {
    progress_sql -v count="$1" -v provinces="$PROVINCES" -v items="$ITEMS" -f "$BENCH_DIR/sql/reports.sql"
}

