# Shared by deploy/local/up, down and status. Source it; it only defines names.
# shellcheck shell=bash

LOCAL_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO_DIR=$(cd -- "$LOCAL_DIR/../.." && pwd -P)
# A second stack (the system tests') keeps its PIDs and logs apart with TRACKER_RUN_DIR/TRACKER_LOG_DIR.
RUN_DIR=${TRACKER_RUN_DIR:-$LOCAL_DIR/.run}
LOG_DIR=${TRACKER_LOG_DIR:-$LOCAL_DIR/.logs}
# Appended to each service's database name, e.g. _e2e for the system tests.
DB_SUFFIX=${TRACKER_DB_SUFFIX:-}
# What `up` itself started, one name a line, so that `down` stops exactly that.
STARTED_FILE=$RUN_DIR/started-by-up
# The broker keeps its PID and log with the stack's; a second stack names its own KAFKA_STATE_DIR and ports.
export KAFKA_RUN_DIR=${KAFKA_RUN_DIR:-$RUN_DIR}
export KAFKA_LOG_DIR=${KAFKA_LOG_DIR:-$LOG_DIR}
KAFKA_PORT=${KAFKA_PORT:-9092}

# TRACKER_SERVICES narrows `up` to some of them (the benchmark starts each alone to time it).
read -r -a SERVICES <<<"${TRACKER_SERVICES:-task-service progress-service notification-service}"

service_port() {
    case "$1" in
        task-service) echo "${TASK_SERVICE_PORT:-8081}" ;;
        progress-service) echo "${PROGRESS_SERVICE_PORT:-8082}" ;;
        notification-service) echo "${NOTIFICATION_SERVICE_PORT:-8083}" ;;
    esac
}

service_database() {
    case "$1" in
        task-service) echo "tasks$DB_SUFFIX" ;;
        progress-service) echo "progress$DB_SUFFIX" ;;
        notification-service) echo "notifications$DB_SUFFIX" ;;
    esac
}

service_jar() {
    echo "$REPO_DIR/$1/target/quarkus-app/quarkus-run.jar"
}

kafka_bootstrap() {
    echo "127.0.0.1:$KAFKA_PORT"
}

port_open() {
    timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# The PID recorded for a service, if that process is alive and still runs the service's jar
# (a PID can be reused after a reboot or a kill -9).
service_pid() {
    local name=$1 pid_file="$RUN_DIR/$1.pid" pid
    [ -f "$pid_file" ] || return 1
    pid=$(cat "$pid_file")
    if [[ "$pid" =~ ^[0-9]+$ ]] && [ -r "/proc/$pid/cmdline" ] \
        && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$(service_jar "$name")"; then
        echo "$pid"
        return 0
    fi
    rm -f "$pid_file"
    return 1
}

ready() {
    curl -fs -o /dev/null --max-time 3 "http://127.0.0.1:$(service_port "$1")/q/health/ready"
}
