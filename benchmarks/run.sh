#!/usr/bin/env bash
# Runs the JMH benchmarks with a private SoftHSM2 configuration (SoftHSM2 reads SOFTHSM2_CONF once,
# when the forked benchmark JVM loads it). Arguments go to JMH, e.g.:
#   benchmarks/run.sh RawSigning -rf json -rff target/raw.json
# The card benchmarks (package bridge) also need pcscd and vsmartcard-vpcd (apt-get install pcscd
# vsmartcard-vpcd): each fork starts pcscd itself when none runs, under the pkcs11-bridge test rig's
# lock file, and puts the simulated card into "Virtual PCD 00 00".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
[ -f "$jar" ] || { echo "build first: ./mvnw -pl benchmarks -am package -DskipTests" >&2; exit 2; }
softhsm_dir="$(mktemp -d)"
trap 'rm -rf "$softhsm_dir"' EXIT
mkdir -p "$softhsm_dir/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$softhsm_dir/tokens" > "$softhsm_dir/softhsm2.conf"
export SOFTHSM2_CONF="$softhsm_dir/softhsm2.conf"
exec java -jar "$jar" "$@"
