#!/usr/bin/env bash
# Issuance through the HTTPS API under load (docs/benchmarks.md, "Issuance through the API"): starts
# the server from its jar (demo: issuing CA RSA 2048 in SoftHSM2, embedded PostgreSQL), has IssuanceLoad
# post certificate requests as the administrator with CLIENTS concurrent clients, with RSA 2048 CSRs
# and then P-256 CSRs, and measures in the same run the raw limit: signatures per second of an RSA 2048
# key in SoftHSM2 through the CA's token API (JMH RawSigningBenchmark, as many threads as cores) and
# `openssl speed -multi <cores> rsa2048`. Prints certificates/s and their ratio to the raw limit.
#
# Settings (environment): DURATION (s per measurement, default 20), CLIENTS (16, or a list: "1 4 16"),
# CSRS (distinct CSRs per key type, 64); the server's in lib/server.sh. To profile the server:
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

echo "machine: $(machine), load average before: $(load_average)"
for kind in rsa ec; do
  for clients in $clients_list; do
    printf '%-4s CSRs, ' "$kind"
    java -cp "$bench_jar" fr.cartesagents.benchmarks.load.IssuanceLoad "https://localhost:$api_port" "$data/admin.p12" "$password" \
      "$data/ca-chain.pem" "$clients" "$duration" "$work/$kind"/*.csr
  done
done
echo "load average after the issuances: $(load_average)"

# The raw limit in the same run, with the server still up (as during the issuances) but idle.
raw_json="$work/raw.json"
benchmarks/run.sh RawSigningBenchmark -p token=SOFTHSM2 -p caKey=RSA_2048 -t "$cores" -wi 1 -w 5s -i 2 -r "${duration}s" \
  -rf json -rff "$raw_json" > "$work/jmh.txt" 2>&1 || { tail -30 "$work/jmh.txt" >&2; exit 1; }
raw=$(python3 -c 'import json,sys; print("%.1f" % json.load(open(sys.argv[1]))[0]["primaryMetric"]["score"])' "$raw_json")
echo "raw limit: RSA 2048 in SoftHSM2 through CryptoToken, $cores threads: $raw signatures/s"
openssl speed -seconds 5 -multi "$cores" rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ {print "openssl speed -multi '"$cores"' rsa2048: " $(NF-1) " signatures/s"}'
echo "load average after: $(load_average)"
