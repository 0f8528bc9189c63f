#!/usr/bin/env bash
# Two server jars compared back to back on a shared machine (docs/benchmarks.md, "Issuance through the API"):
# both servers run at once, each on its own data directory, and IssuanceLoad alternates between them,
# ROUNDS times, so that both JVMs warm up alike and every pair of rows sees the same load. Prints each
# round's certificates/s and CPU per certificate (server JVM, its JIT compiler threads, PostgreSQL).
#
#   benchmarks/issuance-ab.sh A.jar DATA_DIR_A B.jar DATA_DIR_B
#
# Settings (environment): ROUNDS (6), DURATION (s per measurement, 20), CLIENTS (16), CSRS (32), KIND (ec or
# rsa), PORT_BASE (38080; B uses PORT_BASE+1000). A data directory is one the server has started on before
# (e.g. a copy of benchmarks/target/load-data made while no server runs on it).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 4 ] || { sed -n 2,11p "$0" >&2; exit 2; }
rounds="${ROUNDS:-6}"; duration="${DURATION:-20}"; clients="${CLIENTS:-16}"; csrs="${CSRS:-32}"; kind="${KIND:-ec}"
base="${PORT_BASE:-38080}"
bench_jar="benchmarks/target/benchmarks.jar"
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

start() { # name jar data port_base
  CARTES_DATA_DIR="$3" SERVER_PORT=$4 CARTES_API_PORT=$(($4 + 363)) MANAGEMENT_SERVER_PORT=$(($4 + 1)) \
    java ${SERVER_JAVA_OPTS:-} -jar "$2" > "$work/$1.log" 2>&1 &
  pids+=($!)
}
ready() { # name port_base pid
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$(($2 + 1))/actuator/health/readiness" >/dev/null 2>&1 && return 0
    kill -0 "$3" 2>/dev/null || { tail -50 "$work/$1.log" >&2; exit 1; }
    sleep 1
  done
  echo "$1 not ready after 10 minutes" >&2; exit 1
}
start A "$1" "$2" "$base"; pid_a=${pids[0]}
start B "$3" "$4" $((base + 1000)); pid_b=${pids[1]}
ready A "$base" "$pid_a"; ready B $((base + 1000)) "$pid_b"

mkdir -p "$work/csr"
for i in $(seq 1 "$csrs"); do
  if [ "$kind" = rsa ]; then
    openssl req -new -newkey rsa:2048 -nodes -keyout /dev/null -subj "/CN=load" -out "$work/csr/$i.csr" 2>/dev/null
  else
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout /dev/null -subj "/CN=load" -out "$work/csr/$i.csr" 2>/dev/null
  fi
done
echo "A: $1; B: $3; $kind CSRs, $clients clients, $duration s per round; $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  for side in A B; do
    if [ "$side" = A ]; then pid=$pid_a; data="$2"; port=$((base + 363)); else pid=$pid_b; data="$4"; port=$((base + 1363)); fi
    pg_pid="$(sed -n 1p "$data/postgres/postmaster.pid")"
    printf 'round %d %s: ' "$round" "$side"
    java -Dload.cpu="server=$pid,postgres=$pg_pid+" -cp "$bench_jar" fr.cartesagents.benchmarks.load.IssuanceLoad \
      "https://localhost:$port" "$data/admin.p12" "$(cat "$data/admin.p12.password")" "$data/ca-chain.pem" \
      "$clients" "$duration" "$work/csr"/*.csr | paste -sd' '
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
