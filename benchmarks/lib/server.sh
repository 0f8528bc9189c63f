# Sourced by the load benchmarks (pki-load.sh, issuance-load.sh): builds the jars when missing, starts
# the server from its jar on a data directory kept between runs (the demo ceremony runs once), waits
# until it is ready, and stops it on exit. Settings (environment): PORT_BASE (18080: plain listener
# PORT_BASE, API PORT_BASE+363, management PORT_BASE+1), CARTES_DATA_DIR
# (benchmarks/target/load-data), SERVER_JAVA_OPTS (e.g. a JFR recording), SERVER_JAR (another build of the
# server, e.g. a copy of main's jar to compare with, back to back).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
base="${PORT_BASE:-18080}"
http_port=$base; api_port=$((base + 363)); management_port=$((base + 1))
data="${CARTES_DATA_DIR:-$root/benchmarks/target/load-data}"
server_jar="${SERVER_JAR:-$(ls registration-authority/target/registration-authority-*.jar 2>/dev/null | grep -v plain | head -1 || true)}"
bench_jar="benchmarks/target/benchmarks.jar"
if [ -z "$server_jar" ] || [ ! -f "$bench_jar" ]; then
  echo "building the server and the benchmarks jar" >&2
  ./mvnw -B -q -pl registration-authority,benchmarks -am package -DskipTests
  server_jar="$(ls registration-authority/target/registration-authority-*.jar | grep -v plain | head -1)"
fi
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

start_server() {
  mkdir -p "$data"
  echo "starting the server ($server_jar), data in $data" >&2
  # shellcheck disable=SC2086
  CARTES_DATA_DIR="$data" SERVER_PORT=$http_port CARTES_API_PORT=$api_port MANAGEMENT_SERVER_PORT=$management_port \
    java ${SERVER_JAVA_OPTS:-} -jar "$server_jar" > "$work/server.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$management_port/actuator/health/readiness" >/dev/null 2>&1 && return 0
    kill -0 "${pids[0]}" 2>/dev/null || { tail -50 "$work/server.log" >&2; exit 1; }
    sleep 1
  done
  echo "server not ready after 10 minutes" >&2
  exit 1
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }
machine() { echo "$(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"; }
