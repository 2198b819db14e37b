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
# Instances of each service (`up --replicas N`); `up` records it for `status` and `down`.
REPLICAS=${TRACKER_REPLICAS:-$(cat "$RUN_DIR/replicas" 2>/dev/null || echo 1)}

# Every service instance by name: instance 0 is the service's own name, instance i is NAME-i.
INSTANCES=()
for _service in "${SERVICES[@]}"; do
    for ((_i = 0; _i < REPLICAS; _i++)); do
        if [ "$_i" = 0 ]; then INSTANCES+=("$_service"); else INSTANCES+=("$_service-$_i"); fi
    done
done
unset _service _i

# The service an instance runs, and its index.
instance_service() {
    echo "${1%-[0-9]*}"
}

instance_index() {
    if [[ "$1" =~ -([0-9]+)$ ]]; then echo "${BASH_REMATCH[1]}"; else echo 0; fi
}

# Instance i of a service listens 100·i above the service's port.
service_port() {
    local base
    case "$(instance_service "$1")" in
        task-service) base=${TASK_SERVICE_PORT:-8081} ;;
        progress-service) base=${PROGRESS_SERVICE_PORT:-8082} ;;
        notification-service) base=${NOTIFICATION_SERVICE_PORT:-8083} ;;
    esac
    echo $((base + 100 * $(instance_index "$1")))
}

service_database() {
    case "$(instance_service "$1")" in
        task-service) echo "tasks$DB_SUFFIX" ;;
        progress-service) echo "progress$DB_SUFFIX" ;;
        notification-service) echo "notifications$DB_SUFFIX" ;;
    esac
}

service_jar() {
    echo "$REPO_DIR/$(instance_service "$1")/target/quarkus-app/quarkus-run.jar"
}

# With replicas, a three-node cluster (deploy/local/kafka/cluster): clients on KAFKA_PORT + 100·i.
kafka_cluster() {
    [ "$REPLICAS" -ge 2 ]
}

kafka_bootstrap() {
    if kafka_cluster; then
        echo "127.0.0.1:$KAFKA_PORT,127.0.0.1:$((KAFKA_PORT + 100)),127.0.0.1:$((KAFKA_PORT + 200))"
    else
        echo "127.0.0.1:$KAFKA_PORT"
    fi
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

live() {
    curl -fs -o /dev/null --max-time 3 "http://127.0.0.1:$(service_port "$1")/q/health/live"
}

# seconds_between FROM TO: the seconds between two $EPOCHREALTIME readings, two decimals
seconds_between() {
    awk -v from="$1" -v to="$2" 'BEGIN { printf "%.2f", to - from }'
}
