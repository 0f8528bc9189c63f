#!/usr/bin/env bash
# Directory search at national size (docs/benchmarks.md, "Directory search"): starts the server on a
# fresh embedded PostgreSQL, generates 500,000 people in 35,000 communes in SQL, times name searches
# through the HTTPS API with mutual TLS and writes the results and query plans to
# registration-authority/target/directory-benchmark.md. Extra arguments go to Maven, e.g.
#   benchmarks/directory-search.sh -Dbenchmark.people=100000 -Dbenchmark.samples=300
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -B -q -pl registration-authority -am test -Dtest=DirectorySearchBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=false "$@"
cat registration-authority/target/directory-benchmark.md
