#!/usr/bin/env bash
# PKI repository under load (docs/benchmarks.md, "PKI repository under load"): starts the server from
# its built jar (demo profile, embedded PostgreSQL, the README's configuration), then bare Reactor
# Netty serving the same bytes and headers (BareRepositoryServer), and loads both, one after the
# other, path by path, with wrk (HTTP/1.1, keep-alive) and h2load (h2c): an OCSP GET answered from a
# pre-produced response, the issuing CA's certificate, its full CRL. Prints for each run the
# requests/s, the p99 latency, the CPU time the serving process spent per request, and the ratios
# server / bare, with the load average of the machine before and after.
#
# On a machine of 2 cores or more, both servers run on one core and the load generator on another
# (taskset), the same for both, so that they do not compete with each other for a core; the machine
# may still be shared with other processes (see the load average). The CPU per request is the
# process's utime + stime (/proc/PID/stat) over the measured run divided by the requests answered:
# it is steadier than requests/s when other processes take turns on the server's core.
#
# Needs: a JDK 17, wrk and h2load (Debian: apt-get install wrk nghttp2-client), openssl, curl, taskset.
# Settings (environment): DURATION (s per measured run, default 20), WARMUP (s per warm-up run, 5),
# REPEAT (measured runs per server and path, alternating server and bare, 2), CONNECTIONS (64),
# STREAMS (h2load concurrent streams per connection, 10), PIN (1: pin as above; 0: no pinning),
# SERVER_CPU (1), LOAD_CPU (0), H2C (1; 0 skips the h2load runs), PRIORITY (0; e.g. -10 runs both
# servers and the load generator at that nice level, above the machine's other work: needs root, and
# takes the cores from the other processes while it runs); the server's in lib/server.sh (the bare
# server listens on PORT_BASE+10).
set -euo pipefail
duration="${DURATION:-20}"
warmup="${WARMUP:-5}"
repeat="${REPEAT:-2}"
connections="${CONNECTIONS:-64}"
streams="${STREAMS:-10}"
h2c="${H2C:-1}"
pin="${PIN:-1}"
[ "$(nproc)" -ge 2 ] || pin=0
if [ "$pin" = 1 ]; then
  command -v taskset >/dev/null || { echo "missing taskset (apt-get install util-linux), or set PIN=0" >&2; exit 2; }
  server_cpu="${SERVER_CPU:-1}"; load_cpu="${LOAD_CPU:-0}"
  on_load_core=(taskset -c "$load_cpu"); threads=1
else
  on_load_core=(); threads=2
fi
# Both servers start on all cores (the same JVM sizing for both) and are pinned, all their threads, once up.
pin_to_server_core() {
  [ "$pin" != 1 ] || taskset -a -p -c "$server_cpu" "$1" >/dev/null
  if [ "$priority" != 0 ]; then for task in /proc/"$1"/task/*; do renice -n "$priority" -p "${task##*/}" >/dev/null; done; fi
}
priority="${PRIORITY:-0}"
if [ "$priority" != 0 ]; then on_load_core=(nice -n "$priority" "${on_load_core[@]}"); fi
# shellcheck source=lib/server.sh
source "$(dirname "$0")/lib/server.sh"
bare_port=$((base + 10))
for tool in wrk h2load openssl curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install wrk nghttp2-client openssl curl)" >&2; exit 2; }
done
start_server
server_pid="${pids[0]}"
pin_to_server_core "$server_pid"

# An OCSP request (SHA-1 CertID, no nonce: the RFC 5019 shape) for the administrator's certificate.
curl -sf "http://127.0.0.1:$http_port/pki/ca/act.crt" | openssl x509 -inform DER -out "$work/act.pem"
openssl ocsp -issuer "$work/act.pem" -cert "$data/pki/admin.pem" -no_nonce -reqout "$work/request.der" >/dev/null 2>&1 || true
[ -s "$work/request.der" ] || { echo "could not make the OCSP request" >&2; exit 1; }
ocsp_path="/pki/ocsp/$(base64 -w0 "$work/request.der" | tr '+/' '-_')"
paths=("$ocsp_path" /pki/ca/act.crt /pki/crl/act.crl)
curl -sf -o "$work/ocsp.der" "http://127.0.0.1:$http_port$ocsp_path"
openssl ocsp -respin "$work/ocsp.der" -issuer "$work/act.pem" -cert "$data/pki/admin.pem" -noverify 2>/dev/null \
  | grep -q ': good' || { echo "the OCSP answer is not 'good'" >&2; exit 1; }

java -cp "$bench_jar" ${BARE_JAVA_OPTS:-} fr.cartesagents.benchmarks.load.BareRepositoryServer $bare_port \
  "http://127.0.0.1:$http_port" "${paths[@]}" > "$work/bare.log" 2>&1 &
bare_pid=$!
pids+=("$bare_pid")
for _ in $(seq 1 60); do grep -q serving "$work/bare.log" 2>/dev/null && break; sleep 0.5; done
grep -q serving "$work/bare.log" || { cat "$work/bare.log" >&2; exit 1; }
pin_to_server_core "$bare_pid"
for path in "${paths[@]}"; do
  cmp -s <(curl -sf "http://127.0.0.1:$http_port$path") <(curl -sf "http://127.0.0.1:$bare_port$path") \
    || { echo "the two servers do not serve the same bytes for $path" >&2; exit 1; }
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime of a process, in clock ticks
ticks_per_second=$(getconf CLK_TCK)
per_request_us() { awk -v t="$1" -v n="$2" -v hz="$ticks_per_second" 'BEGIN { printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0) }'; }

# wrk: requests/s, p99 and CPU µs per request of the serving process; a warm-up first (JIT), not counted.
wrk_run() { # pid url -> "rps p99 cpu_us"
  "${on_load_core[@]}" wrk -t"$threads" -c"$connections" -d"${warmup}s" "$2" >/dev/null 2>&1
  local before after rps p99 requests errors
  before=$(cpu_ticks "$1")
  "${on_load_core[@]}" wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$2" > "$work/wrk.txt" 2>&1
  after=$(cpu_ticks "$1")
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
  errors=$(grep -E "Non-2xx|Socket errors" "$work/wrk.txt" | tr '\n' ' ' || true)
  [ -z "$errors" ] || echo "  ($2: $errors)" >&2
  echo "$rps $p99 $(per_request_us $((after - before)) "$requests")"
}
h2load_run() { # pid url -> "rps cpu_us"
  "${on_load_core[@]}" h2load -c"$connections" -m"$streams" -t"$threads" -D "$warmup" "$2" >/dev/null 2>&1
  local before after rps requests
  before=$(cpu_ticks "$1")
  "${on_load_core[@]}" h2load -c"$connections" -m"$streams" -t"$threads" -D "$duration" "$2" > "$work/h2load.txt" 2>&1
  after=$(cpu_ticks "$1")
  rps=$(awk '/^finished in/ {gsub(",", "", $4); print $4}' "$work/h2load.txt")
  requests=$(awk '/^requests:/ {print $8}' "$work/h2load.txt") # succeeded
  echo "${rps:-0} $(per_request_us $((after - before)) "${requests:-0}")"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f %%", (b > 0 ? 100 * a / b : 0) }'; }

echo "machine: $(machine), load average before: $(load_average)"
[ "$priority" = 0 ] || echo "both servers and the load generator at nice $priority"
if [ "$pin" = 1 ]; then
  echo "pinned: both servers on CPU $server_cpu, wrk and h2load on CPU $load_cpu"
else
  echo "not pinned: servers and load generator share the cores"
fi
echo "wrk -t$threads -c$connections -d${duration}s --latency (HTTP/1.1 keep-alive);" "$([ "$h2c" = 1 ] && echo "h2load -c$connections -m$streams -t$threads -D $duration (h2c);")" \
  "warm-up ${warmup}s before each; $repeat runs per server, alternating"
printf '%-22s %-6s | %-28s | %-28s | %-10s | %-22s\n' "path" "proto" "server: req/s, p99, CPU/req" "bare: req/s, p99, CPU/req" \
  "req/s ratio" "bare CPU / server CPU"
for path in "${paths[@]}"; do
  name="$path"; [ ${#name} -gt 22 ] && name="${path:0:19}..."
  for run in $(seq 1 "$repeat"); do
    read -r server_rps server_p99 server_cpu_us < <(wrk_run "$server_pid" "http://127.0.0.1:$http_port$path")
    read -r bare_rps bare_p99 bare_cpu_us < <(wrk_run "$bare_pid" "http://127.0.0.1:$bare_port$path")
    printf '%-22s %-6s | %-28s | %-28s | %-10s | %-22s\n' "$name" "h1 #$run" "$server_rps, $server_p99, ${server_cpu_us} µs" \
      "$bare_rps, $bare_p99, ${bare_cpu_us} µs" "$(ratio "$server_rps" "$bare_rps")" "$(ratio "$bare_cpu_us" "$server_cpu_us")"
  done
  if [ "$h2c" = 1 ]; then
    for run in $(seq 1 "$repeat"); do
      read -r server_rps server_cpu_us < <(h2load_run "$server_pid" "http://127.0.0.1:$http_port$path")
      read -r bare_rps bare_cpu_us < <(h2load_run "$bare_pid" "http://127.0.0.1:$bare_port$path")
      printf '%-22s %-6s | %-28s | %-28s | %-10s | %-22s\n' "$name" "h2c #$run" "$server_rps, -, ${server_cpu_us} µs" \
        "$bare_rps, -, ${bare_cpu_us} µs" "$(ratio "$server_rps" "$bare_rps")" "$(ratio "$bare_cpu_us" "$server_cpu_us")"
    done
  fi
done
echo "load average after: $(load_average)"
