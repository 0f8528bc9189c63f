#!/usr/bin/env bash
# PKI repository under load (docs/benchmarks.md, "PKI repository under load"): starts the server from
# its built jar (demo profile, embedded PostgreSQL, the README's configuration), then bare Reactor
# Netty serving the same bytes and headers (BareRepositoryServer), and loads both, one after the
# other, path by path, with wrk (HTTP/1.1, keep-alive) and h2load (h2c): an OCSP GET answered from a
# pre-produced response, the issuing CA's certificate, its full CRL. Prints requests/s, p99 latency
# and the ratio server / bare for each, with the load average of the machine before and after.
#
# Needs: a JDK 17, wrk and h2load (Debian: apt-get install wrk nghttp2-client), openssl.
# Settings (environment): DURATION (s per run, default 10), CONNECTIONS (64), THREADS (wrk threads, 2),
# STREAMS (h2load concurrent streams per connection, 10); the server's in lib/server.sh (the bare
# server listens on PORT_BASE+10).
set -euo pipefail
# shellcheck source=lib/server.sh
source "$(dirname "$0")/lib/server.sh"
duration="${DURATION:-10}"
connections="${CONNECTIONS:-64}"
threads="${THREADS:-2}"
streams="${STREAMS:-10}"
bare_port=$((base + 10))
for tool in wrk h2load openssl curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install wrk nghttp2-client openssl curl)" >&2; exit 2; }
done
start_server

# An OCSP request (SHA-1 CertID, no nonce: the RFC 5019 shape) for the administrator's certificate.
curl -sf "http://127.0.0.1:$http_port/pki/ca/act.crt" | openssl x509 -inform DER -out "$work/act.pem"
openssl ocsp -issuer "$work/act.pem" -cert "$data/pki/admin.pem" -no_nonce -reqout "$work/request.der" >/dev/null 2>&1 || true
[ -s "$work/request.der" ] || { echo "could not make the OCSP request" >&2; exit 1; }
ocsp_path="/pki/ocsp/$(base64 -w0 "$work/request.der" | tr '+/' '-_')"
paths=("$ocsp_path" /pki/ca/act.crt /pki/crl/act.crl)
curl -sf -o "$work/ocsp.der" "http://127.0.0.1:$http_port$ocsp_path"
openssl ocsp -respin "$work/ocsp.der" -issuer "$work/act.pem" -cert "$data/pki/admin.pem" -noverify 2>/dev/null \
  | grep -q ': good' || { echo "the OCSP answer is not 'good'" >&2; exit 1; }

java -cp "$bench_jar" fr.cartesagents.benchmarks.load.BareRepositoryServer $bare_port "http://127.0.0.1:$http_port" "${paths[@]}" \
  > "$work/bare.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do grep -q serving "$work/bare.log" 2>/dev/null && break; sleep 0.5; done
grep -q serving "$work/bare.log" || { cat "$work/bare.log" >&2; exit 1; }
for path in "${paths[@]}"; do
  cmp -s <(curl -sf "http://127.0.0.1:$http_port$path") <(curl -sf "http://127.0.0.1:$bare_port$path") \
    || { echo "the two servers do not serve the same bytes for $path" >&2; exit 1; }
done

# wrk: requests/s and p99; a short warm-up per server and path first (JIT), not counted.
wrk_run() { # url -> "rps p99"
  wrk -t"$threads" -c"$connections" -d3s "$1" >/dev/null 2>&1
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$1" > "$work/wrk.txt" 2>&1
  local rps p99 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  errors=$(grep -E "Non-2xx|Socket errors" "$work/wrk.txt" | tr '\n' ' ' || true)
  [ -z "$errors" ] || echo "  ($1: $errors)" >&2
  echo "$rps $p99"
}
h2load_run() { # url -> "rps"
  h2load -c"$connections" -m"$streams" -t"$threads" -D 3 "$1" >/dev/null 2>&1
  h2load -c"$connections" -m"$streams" -t"$threads" -D "$duration" "$1" > "$work/h2load.txt" 2>&1
  awk '/^finished in/ {gsub(",", "", $4); print $4}' "$work/h2load.txt"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f %%", 100 * a / b }'; }

echo "machine: $(machine), load average before: $(load_average)"
echo "wrk -t$threads -c$connections -d${duration}s --latency (HTTP/1.1 keep-alive); h2load -c$connections -m$streams -t$threads -D $duration (h2c)"
printf '%-22s | %-34s | %-34s | %-8s | %-40s\n' "path" "server: req/s, p99" "bare Reactor Netty: req/s, p99" "ratio" "h2c req/s: server / bare (ratio)"
for path in "${paths[@]}"; do
  name="$path"; [ ${#name} -gt 22 ] && name="${path:0:19}..."
  read -r server_rps server_p99 < <(wrk_run "http://127.0.0.1:$http_port$path")
  read -r bare_rps bare_p99 < <(wrk_run "http://127.0.0.1:$bare_port$path")
  server_h2=$(h2load_run "http://127.0.0.1:$http_port$path")
  bare_h2=$(h2load_run "http://127.0.0.1:$bare_port$path")
  printf '%-22s | %-34s | %-34s | %-8s | %-40s\n' "$name" "$server_rps, p99 $server_p99" "$bare_rps, p99 $bare_p99" \
    "$(ratio "$server_rps" "$bare_rps")" "$server_h2 / $bare_h2 ($(ratio "$server_h2" "$bare_h2"))"
done
echo "load average after: $(load_average)"
