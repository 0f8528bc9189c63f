#!/usr/bin/env bash
# Logical backup of the Cartes Agents database while the service runs: pg_dump takes a consistent
# snapshot (one repeatable-read transaction), so issuances and revocations may go on meanwhile.
#
#   PGHOST=db.example.fr PGPORT=5432 PGUSER=cartes PGDATABASE=cartes PGPASSWORD=... scripts/db-backup.sh cartes.dump
#
# The connection comes from libpq's environment (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD or
# ~/.pgpass), never from the command line. Writes the custom format (compressed, restorable table by
# table) and prints the dump's table of contents line count and its SHA-256.
set -euo pipefail
out="${1:?usage: db-backup.sh OUTPUT.dump}"
: "${PGDATABASE:=cartes}"
export PGDATABASE
pg_dump --format=custom --no-owner --no-privileges --file="$out.partial"
mv "$out.partial" "$out"
echo "backup: $out ($(pg_restore --list "$out" | grep -vc '^;') objects, sha256 $(sha256sum "$out" | cut -d' ' -f1))"
