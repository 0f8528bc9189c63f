#!/usr/bin/env bash
# Issuance through the HTTPS API under load (docs/benchmarks.md, "Issuance through the API"): starts
# the server from its jar (demo: issuing CA RSA 2048 in SoftHSM2, embedded PostgreSQL), has IssuanceLoad
# post certificate requests as the administrator with CLIENTS concurrent clients, with RSA 2048 CSRs
# and then P-256 CSRs, and measures in the same run the raw limit: signatures per second of an RSA 2048
# key in SoftHSM2 through the CA's token API (JMH RawSigningBenchmark, as many threads as cores) and
# `openssl speed -multi <cores> rsa2048`. Prints certificates/s and their ratio to the raw limit, and what the
# database sessions waited for meanwhile (pg_stat_activity sampled every 200 ms, when psql is installed), and
# the CPU time per certificate of the server's JVM and of PostgreSQL (all its processes) over the measured
# window: on a shared machine the certificates/s measure the contention, the CPU per certificate much less.
#
# Settings (environment): DURATION (s per measurement, default 20), CLIENTS (16, or a list: "1 4 16"),
# CSRS (distinct CSRs per key type, 64), KINDS ("rsa ec"), RAW (1; 0 skips the raw limit, for quick
# before/after comparisons of the CPU per certificate); the server's in lib/server.sh. To profile the server:
#   SERVER_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/issuance.jfr,settings=profile" benchmarks/issuance-load.sh
set -euo pipefail
# shellcheck source=lib/server.sh
source "$(dirname "$0")/lib/server.sh"
duration="${DURATION:-20}"
clients_list="${CLIENTS:-16}"
csrs="${CSRS:-64}"
cores=$(nproc)
start_server

mkdir -p "$work/rsa" "$work/ec"
for i in $(seq 1 "$csrs"); do
  openssl req -new -newkey rsa:2048 -nodes -keyout /dev/null -subj "/CN=load" -out "$work/rsa/$i.csr" 2>/dev/null
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout /dev/null -subj "/CN=load" -out "$work/ec/$i.csr" 2>/dev/null
done
password="$(cat "$data/admin.p12.password")"

# What the database sessions wait for during the issuances (every 200 ms, pg_stat_activity of the embedded
# PostgreSQL): a CPU-independent view of serialisation, which the certificates/s of a loaded machine hide.
pg_port="$(sed -n 4p "$data/postgres/postmaster.pid" 2>/dev/null || true)"
pg_pid="$(sed -n 1p "$data/postgres/postmaster.pid" 2>/dev/null || true)"
cpu_processes="server=${pids[0]}${pg_pid:+,postgres=$pg_pid+}"
sample_waits() {
  [ -n "$pg_port" ] && command -v psql >/dev/null || return 0
  printf '%s\n' "select count(*) filter (where state = 'active' and backend_type = 'client backend'),
    count(*) filter (where wait_event_type = 'Lock' and wait_event = 'advisory'),
    count(*) filter (where wait_event_type = 'Lock'),
    count(*) filter (where wait_event in ('WALSync', 'WALWrite'))
    from pg_stat_activity where pid <> pg_backend_pid() \\watch 0.2" \
    | psql -h localhost -p "$pg_port" -U postgres -d postgres -AtF' ' -q > "$work/waits.txt" 2>/dev/null &
  sampler=$!
}
report_waits() {
  [ -n "${sampler:-}" ] || return 0
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true; sampler=""
  awk 'NF == 4 {n++; a += $1; adv += $2; lock += $3; wal += $4}
       END {if (n) printf "  sessions (mean of %d samples): active %.2f, waiting for an advisory lock %.2f, for any lock %.2f, for the WAL %.2f\n", n, a/n, adv/n, lock/n, wal/n}' "$work/waits.txt"
}

echo "machine: $(machine), load average before: $(load_average)"
for kind in ${KINDS:-rsa ec}; do
  for clients in $clients_list; do
    sample_waits
    printf '%-4s CSRs, ' "$kind"
    java -Dload.cpu="$cpu_processes" -cp "$bench_jar" fr.cartesagents.benchmarks.load.IssuanceLoad "https://localhost:$api_port" "$data/admin.p12" "$password" \
      "$data/ca-chain.pem" "$clients" "$duration" "$work/$kind"/*.csr
    report_waits
  done
done
echo "load average after the issuances: $(load_average)"

[ "${RAW:-1}" != 0 ] || exit 0
# The raw limit in the same run, with the server still up (as during the issuances) but idle.
raw_json="$work/raw.json"
benchmarks/run.sh RawSigningBenchmark -p token=SOFTHSM2 -p caKey=RSA_2048 -t "$cores" -wi 1 -w 5s -i 2 -r "${duration}s" \
  -rf json -rff "$raw_json" > "$work/jmh.txt" 2>&1 || { tail -30 "$work/jmh.txt" >&2; exit 1; }
raw=$(python3 -c 'import json,sys; print("%.1f" % json.load(open(sys.argv[1]))[0]["primaryMetric"]["score"])' "$raw_json")
echo "raw limit: RSA 2048 in SoftHSM2 through CryptoToken, $cores threads: $raw signatures/s"
openssl speed -seconds 5 -multi "$cores" rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ {print "openssl speed -multi '"$cores"' rsa2048: " $(NF-1) " signatures/s"}'
echo "load average after: $(load_average)"
