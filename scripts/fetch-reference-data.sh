#!/usr/bin/env bash
# Downloads the official French territorial reference data - the npm package
# @etalab/decoupage-administratif (communes, EPCI and departments from INSEE's code officiel
# géographique and the DGCL's BANATIC) - into a cache directory and extracts its JSON files.
#
#   scripts/fetch-reference-data.sh [--version 6.0.0] [--cache DIR] [--update-extract DEPARTMENT]
#
# Prints the directory holding communes.json, epci.json and departements.json. Import them with
# the command or the admin endpoint described in docs/operations/reference-data.md.
# --update-extract 59 also rewrites the extract committed under
# registration-authority/src/main/resources/reference/ (the demo's and the tests' communes).
set -euo pipefail

version="6.0.0"
cache="${CARTES_DATA_DIR:-./cartes-data}/reference-data"
extract=""
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    --cache) cache="$2"; shift 2 ;;
    --update-extract) extract="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

command -v npm >/dev/null || { echo "npm is required (Debian: apt-get install npm)" >&2; exit 1; }
target="$cache/decoupage-administratif-$version"
if [ ! -f "$target/communes.json" ]; then
  mkdir -p "$cache"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  # npm pack only downloads the published tarball (and checks its integrity): nothing is installed or run.
  (cd "$work" && npm pack --silent "@etalab/decoupage-administratif@$version" >/dev/null)
  tar -xzf "$work"/etalab-decoupage-administratif-"$version".tgz -C "$work"
  mkdir -p "$target"
  cp "$work"/package/data/communes.json "$work"/package/data/epci.json "$work"/package/data/departements.json "$target"/
  cp "$work"/package/LICENSE "$target"/LICENSE
fi

if [ -n "$extract" ]; then
  command -v jq >/dev/null || { echo "jq is required for --update-extract (Debian: apt-get install jq)" >&2; exit 1; }
  resources="$(cd "$(dirname "$0")/.." && pwd)/registration-authority/src/main/resources/reference"
  mkdir -p "$resources"
  # Only what the import reads, one commune per line, so that a diff shows what changed.
  jq -c --arg d "$extract" '[.[] | select(.type == "commune-actuelle" and .departement == $d)
      | {code, nom, departement, type} + (if .siren then {siren} else {} end)]' "$target/communes.json" \
    | sed -e 's/^\[/[\n/' -e 's/},{/},\n{/g' -e 's/\]$/\n]/' > "$resources/communes-$extract.json"
  jq -c --arg d "$extract" '[.[] | select(any(.membres[]; .code | startswith($d)))
      | {code, nom, type, membres: [.membres[] | {code}]}]' "$target/epci.json" \
    | sed -e 's/^\[/[\n/' -e 's/}\]},{/}]},\n{/g' -e 's/\]$/\n]/' > "$resources/epci-$extract.json"
  echo "extract of department $extract written to $resources" >&2
fi
echo "$target"
