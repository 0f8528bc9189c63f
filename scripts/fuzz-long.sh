#!/usr/bin/env bash
# A long coverage-guided run of one fuzz target with Jazzer's own driver (docs/fuzzing.md).
#   scripts/fuzz-long.sh TARGET [RUNS]      TARGET: ocsp | csr | json | mrz | apdu | all   RUNS: 10000000
#   FUZZ_SEED=N fixes libFuzzer's seed: from the same corpus, the same run (.ci/run's short runs).
# Corpus (seeded from the target's regression inputs) and findings under target/fuzz/TARGET/ of
# the module; the log, with libFuzzer's final statistics, in target/fuzz/TARGET.log.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: scripts/fuzz-long.sh ocsp|csr|json|mrz|apdu|all [RUNS]}
runs=${2:-10000000}
if [ "$target" = all ]; then
  for each in ocsp csr json mrz apdu; do "$0" "$each" "$runs"; done
  exit 0
fi
seed_option=()
[ -n "${FUZZ_SEED:-}" ] && seed_option=(-seed="$FUZZ_SEED")
# Instrumenting a whole library takes a while on first use: a unit slower than this is a hang.
timeout_seconds=${FUZZ_TIMEOUT:-60}

case "$target" in
  ocsp) module=ca-core class=fr.cartesagents.ca.ocsp.OcspRequestFuzzTest method=requestsAreParsedOrMalformed max_len=4096
        includes='fr.cartesagents.**:org.bouncycastle.**' ;;
  csr)  module=ca-core class=fr.cartesagents.ca.issuance.CertificationRequestFuzzTest method=derRequestsAreParsedOrRefused max_len=4096
        # BouncyCastle's ASN.1, PKCS#10 and lightweight crypto; not its JCA provider, whose
        # instrumentation on first use alone outlasts the timeout on a loaded machine.
        includes='fr.cartesagents.**:org.bouncycastle.asn1.**:org.bouncycastle.pkcs.**:org.bouncycastle.operator.**:org.bouncycastle.crypto.**:org.bouncycastle.cert.**' ;;
  json) module=registration-authority class=fr.cartesagents.ra.certificate.JsonBodyFuzzTest method=issuanceBodiesAreReadOrRefused max_len=4096
        includes='fr.cartesagents.**:tools.jackson.**' ;;
  mrz)  module=registration-authority class=fr.cartesagents.ra.delivery.MrzFuzzTest method=zonesAreReadOrRefused max_len=512
        includes='fr.cartesagents.**' ;;
  apdu) module=pkcs11-bridge class=fr.cartesagents.bridge.apdu.ApduResponseFuzzTest method=cardAnswersEndInAResponseOrACardException max_len=4096
        includes='fr.cartesagents.**' ;;
  *) echo "unknown target '$target': ocsp, csr, json, mrz, apdu or all" >&2; exit 2 ;;
esac

work="$module/target/fuzz"
mkdir -p "$work/$target/corpus" "$work/$target/findings"
classpath_file="$work/$target.classpath"
./mvnw -B -q -pl "$module" -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$PWD/$classpath_file" -Dfuzz.regression.skip=true
package_dir=$(dirname "${class//.//}")
seeds="$module/src/test/resources/$package_dir/${class##*.}Inputs/$method"
cp -n "$seeds"/* "$work/$target/corpus/" 2>/dev/null || true

log="$work/$target.log"
echo "fuzz-long: $target ($class), $runs runs, started $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$log"
status=0
java -Xmx1g -cp "$(cat "$classpath_file"):$module/target/classes:$module/target/test-classes" \
  com.code_intelligence.jazzer.Jazzer --target_class="$class" "--instrumentation_includes=$includes" \
  -runs="$runs" -max_total_time=86400 -max_len="$max_len" -rss_limit_mb=2560 -timeout="$timeout_seconds" \
  "${seed_option[@]}" -print_final_stats=1 -artifact_prefix="$work/$target/findings/" "$work/$target/corpus" >>"$log" 2>&1 || status=$?
echo "fuzz-long: $target ended $(date -u +%FT%TZ) with exit $status, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
grep -E '^#[0-9]+[[:space:]]+DONE|^stat::|^==[0-9]+== ERROR' "$log" || true
ls "$work/$target/findings" | sed 's/^/finding: /'
exit $status
