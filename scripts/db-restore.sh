#!/usr/bin/env bash
# Restores a dump made by db-backup.sh into an EMPTY database (a fresh server, or after
# "dropdb cartes && createdb cartes"). Stop every node first; start them again afterwards: Flyway finds
# the schema history in the dump and applies only newer migrations.
#
#   PGHOST=new-db PGPORT=5432 PGUSER=cartes PGDATABASE=cartes PGPASSWORD=... scripts/db-restore.sh cartes.dump
#
# Then verify the audit chain (docs/operations/audit.md, audit-verify) and check a few OCSP answers
# (docs/operations/backup.md, "Restore drill").
set -euo pipefail
in="${1:?usage: db-restore.sh INPUT.dump}"
: "${PGDATABASE:=cartes}"
export PGDATABASE
tables=$(psql --no-psqlrc --tuples-only --no-align --command \
  "select count(*) from information_schema.tables where table_schema = 'public'")
if [ "$tables" != "0" ]; then
  echo "restore: database $PGDATABASE is not empty ($tables tables); restore into an empty database" >&2
  exit 1
fi
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$PGDATABASE" "$in"
echo "restore: $in restored into $PGDATABASE ($(psql --no-psqlrc -tAc 'select count(*) from certificate') certificates," \
  "$(psql --no-psqlrc -tAc 'select count(*) from audit_event') audit events)"
