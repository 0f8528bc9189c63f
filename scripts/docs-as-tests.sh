#!/usr/bin/env bash
# Docs as tests: runs the commands of the operator documentation exactly as written, in order, so that
# a doc step that stops working fails the build. The commands are read from the Markdown at run time
# (fenced blocks marked "test:NAME", see scripts/doc-blocks.py), never copied here. This script only
# provides what a reader provides: a scratch directory, free ports instead of 8080/8443, a scratch
# PostgreSQL, a SoftHSM2 token directory, pcscd, and the secrets the people in the room would type.
#
#   scripts/docs-as-tests.sh            all of them (the jars must be built: ./mvnw verify or package)
#   scripts/docs-as-tests.sh readme     one of: readme ceremony production backup bridge
#
# Needs: java, openssl, curl, python3, softhsm2, opensc, postgresql (Debian), pcscd, vsmartcard-vpcd.
set -euo pipefail
set -m   # background commands get their own process group, so that stopping one stops its children

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WANTED=("$@")
WORK=$(mktemp -d /tmp/docs-as-tests.XXXXXX)
chmod 755 "$WORK"                      # the PostgreSQL user must reach its data directory below
LOGS="$WORK/logs"
mkdir -p "$LOGS"
export DOCS_TEST_LOGS="$LOGS"
STARTED=$(date +%s)

wanted() {
  [ ${#WANTED[@]} -eq 0 ] && return 0
  local w
  for w in "${WANTED[@]}"; do [ "$w" = "$1" ] && return 0; done
  return 1
}

say() { printf '\n=== %s (%ss)\n' "$*" "$(( $(date +%s) - STARTED ))"; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# ---------------------------------------------------------------------------------------------
# Hooks called by the scripts doc-blocks.py writes.

docs_test_block() {          # FILE LINE N: where the next commands come from, for the failure report
  DOCS_TEST_WHERE="$1 (block ending at line $2)"
  echo "--- $DOCS_TEST_WHERE ($(( $(date +%s) - STARTED ))s)" >&2
}

docs_test_background() {     # N, the block on stdin: start it in its own process group, output to a log
  local body
  body=$(cat)
  ( eval "$body" ) > "$LOGS/background-$DOCS_TEST_DOC-$1.log" 2>&1 < /dev/null &
  echo "$!" >> "$LOGS/background.pids"
  echo "    started in the background (pid $!): $body" >&2
}

docs_test_wait_url() {       # URL N: until the URL answers at all (a server is listening)
  local i
  for i in $(seq 1 240); do
    if curl -s -k -o /dev/null --max-time 2 "$1"; then return 0; fi
    sleep 0.5
  done
  echo "No answer from $1 after 120 s; the background command's output:" >&2
  tail -n 60 "$LOGS/background-$DOCS_TEST_DOC-$2.log" >&2
  return 1
}

docs_test_wait_log() {       # TEXT N: until the background command printed TEXT
  local i
  for i in $(seq 1 120); do
    if grep -q -- "$1" "$LOGS/background-$DOCS_TEST_DOC-$2.log" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "The background command never printed '$1'; its output:" >&2
  tail -n 60 "$LOGS/background-$DOCS_TEST_DOC-$2.log" >&2
  return 1
}

kill_tree() {                # PID SIGNAL: the process and all its descendants, children first
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do kill_tree "$child" "$2"; done
  kill "-$2" "$1" 2>/dev/null || true
}

stop_background() {
  [ -f "$LOGS/background.pids" ] || return 0
  local pid
  while read -r pid; do kill_tree "$pid" TERM; done < "$LOGS/background.pids"
  sleep 2
  while read -r pid; do kill_tree "$pid" KILL; done < "$LOGS/background.pids"
  rm -f "$LOGS/background.pids"
}

# Runs the blocks of DOC marked test:NAME in the current shell, replacements applied. The shell
# stops at the first failing command and names the block.
run_doc() {                  # NAME FILE [OLD NEW]...
  local name=$1 file=$2
  shift 2
  DOCS_TEST_DOC=$name
  python3 "$ROOT/scripts/doc-blocks.py" "$ROOT/$file" "$name" "$@" > "$WORK/$name.sh"
  say "$file: the blocks marked test:$name"
  trap 'echo "FAILED in $DOCS_TEST_WHERE: $BASH_COMMAND (exit $?)" >&2' ERR
  set -eE -o pipefail
  source "$WORK/$name.sh"
  trap - ERR
}

POSTGRES_BIN=""
POSTGRES_DATA="$WORK/postgres"
stop_postgres() {
  if [ -n "$POSTGRES_BIN" ] && [ -f "$POSTGRES_DATA/postmaster.pid" ]; then
    as_postgres "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DATA" -m fast -w stop > /dev/null 2>&1 || true
  fi
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

finish() {
  local status=$?
  set +e
  stop_background
  if [ -n "$PCSC_LOCK_HELD" ]; then
    exec {PCSC_LOCK_FD}>&-
    kill_tree "$PCSC_LOCK_PID" TERM
  fi
  stop_postgres
  if [ $status -ne 0 ]; then
    echo "docs-as-tests FAILED (exit $status); logs kept in $LOGS:" >&2
    for log in "$LOGS"/*.log; do [ -f "$log" ] && { echo "--- $log" >&2; tail -n 25 "$log" >&2; }; done
  else
    rm -rf "$WORK"
    echo "docs-as-tests: all documented commands ran ($(( $(date +%s) - STARTED ))s)"
  fi
}
trap finish EXIT
trap 'exit 143' TERM INT

command -v java > /dev/null && command -v openssl > /dev/null && command -v curl > /dev/null \
  || { echo "docs-as-tests needs java, openssl and curl" >&2; exit 1; }

HTTP_PORT=$(free_port)
API_PORT=$(free_port)
BRIDGE_PORT=$(free_port)
export HTTP_PORT API_PORT

# SoftHSM2 keeps the tokens of this run in the scratch directory, as on a ceremony's test bed.
export SOFTHSM2_CONF="$WORK/softhsm2.conf"
mkdir -p "$WORK/softhsm-tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$WORK/softhsm-tokens" > "$SOFTHSM2_CONF"

PCSC_LOCK_HELD=""
ensure_pcscd() {            # the simulator's virtual reader needs pcscd with the vpcd driver
  if [ -z "$PCSC_LOCK_HELD" ]; then
    # The bridge's tests share pcscd and the virtual reader through this lock (a POSIX record lock,
    # as Java's FileChannel.lock takes): wait for them, and make them wait for us.
    mkfifo "$WORK/pcsc-lock"
    ( exec python3 -c 'import fcntl, sys
f = open(sys.argv[1], "a")
fcntl.lockf(f, fcntl.LOCK_EX)
print("locked", flush=True)
sys.stdin.read()' "${TMPDIR:-/tmp}/cartes-agents-pcsc-rig.lock" < "$WORK/pcsc-lock" > "$LOGS/pcsc-lock.log" 2>&1 ) &
    PCSC_LOCK_PID=$!
    exec {PCSC_LOCK_FD}> "$WORK/pcsc-lock"
    PCSC_LOCK_HELD=yes
    say "waiting for the PC/SC rig (pcscd and the virtual reader are shared with the bridge's tests)"
    local i
    for i in $(seq 1 600); do grep -q locked "$LOGS/pcsc-lock.log" 2>/dev/null && break; sleep 0.5; done
    grep -q locked "$LOGS/pcsc-lock.log" || { echo "the PC/SC rig stayed busy for 5 minutes" >&2; return 1; }
  fi
  pgrep -x pcscd > /dev/null && return 0
  say "starting pcscd"
  local pcscd
  pcscd=$(command -v pcscd || echo /usr/sbin/pcscd)
  ( exec "$pcscd" --foreground > "$LOGS/pcscd.log" 2>&1 < /dev/null ) &
  echo "$!" >> "$LOGS/background.pids"
  sleep 2
}

# ---------------------------------------------------------------------------------------------
# README: the Quick start's run command, then the examples against the demo server.
if wanted readme; then
  say "README.md: Quick start"
  # The first code block of the Quick start holds exactly the two commands: run and test. The test
  # command is what .ci/run runs; the run command is run here.
  mapfile -t QUICK_START < <(python3 - "$ROOT/README.md" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
section = text.split("## Quick start", 1)[1]
block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
for line in block.strip().splitlines():
    print(line.split("#", 1)[0].strip())
PY
  )
  [ ${#QUICK_START[@]} -eq 2 ] || { echo "README Quick start: expected two commands, found ${#QUICK_START[@]}" >&2; exit 1; }
  [ "${QUICK_START[1]}" = "./mvnw verify" ] || { echo "README's test command changed: ${QUICK_START[1]}" >&2; exit 1; }
  grep -q -- "^\./mvnw -B verify$" "$ROOT/.ci/run" || { echo ".ci/run no longer runs the README's test command" >&2; exit 1; }

  export CARTES_DATA_DIR="$WORK/cartes-data"
  export SERVER_PORT=$HTTP_PORT CARTES_API_PORT=$API_PORT
  (
    cd "$ROOT"
    DOCS_TEST_DOC=readme
    echo "${QUICK_START[0]}" | docs_test_background 0
    docs_test_wait_url "http://localhost:$HTTP_PORT/pki/ca" 0
    mkdir -p "$WORK/readme" && cd "$WORK/readme"      # the examples' files (a key, a request) stay out of the checkout
    run_doc readme README.md \
      "http://localhost:8080" "http://localhost:$HTTP_PORT" \
      "https://localhost:8443" "https://localhost:$API_PORT" \
      "cartes-data/" "$CARTES_DATA_DIR/"
  )
  stop_background
  unset SERVER_PORT CARTES_API_PORT
  if wanted backup; then
    mkdir -p "$WORK/embedded-backup"
    ( cd "$WORK/embedded-backup" && run_doc backup-embedded docs/operations/backup.md )
  fi
fi

# ---------------------------------------------------------------------------------------------
# Key ceremony, then the production path on a real PostgreSQL, then backup and restore: one shell,
# as one operator would go on from the ceremony's directory.
if wanted ceremony || wanted production || wanted backup; then
  if wanted production || wanted backup; then
    POSTGRES_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -x "$POSTGRES_BIN/initdb" ] || { echo "docs-as-tests needs the Debian package postgresql" >&2; exit 1; }
    PGPORT=$(free_port)
    export PGPORT
    say "a scratch PostgreSQL on port $PGPORT"
    mkdir -p "$POSTGRES_DATA"
    [ "$(id -u)" -ne 0 ] || chown postgres "$POSTGRES_DATA"
    as_postgres "$POSTGRES_BIN/initdb" -D "$POSTGRES_DATA" -U postgres --auth=trust > "$LOGS/initdb.log"
    touch "$LOGS/postgres.log"
    [ "$(id -u)" -ne 0 ] || chown postgres "$LOGS/postgres.log"
    as_postgres "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DATA" -l "$LOGS/postgres.log" -w \
      -o "-p $PGPORT -k $POSTGRES_DATA -c listen_addresses=localhost" start > /dev/null
  fi

  if wanted production || wanted backup; then ensure_pcscd; fi   # the first card goes into the simulator
  CA_CLI_JAR=$(ls "$ROOT"/ca-core/target/ca-core-*-cli.jar)
  mkdir -p "$WORK/secrets"
  # What the secret holders type, one line per prompt, in the order the documents ask for them.
  SO_PIN=$(openssl rand -hex 6); USER_PIN=$(openssl rand -hex 6)
  ROOT_PASSWORD=$(openssl rand -hex 12); OCSP_PASSWORD=$(openssl rand -hex 12)
  {
    # key-ceremony.md
    echo "$SO_PIN"; echo "$USER_PIN"                       # step 1: init-token (SO PIN, user PIN)
    echo "$ROOT_PASSWORD"                                    # step 2: create-root
    echo "$ROOT_PASSWORD"; echo "$USER_PIN"                  # step 3: create-issuing-ca (root, then HSM)
    echo "$USER_PIN"                                         # step 3: create-card-master-key
    echo "$USER_PIN"; echo "$OCSP_PASSWORD"                  # step 4: create-ocsp-signer (CA, new p12)
    echo "$ROOT_PASSWORD"                                    # step 5: root CRL
    echo "$USER_PIN"                                         # step 5: issuing CA CRL
    echo "$USER_PIN"                                         # rehearsal: issue
    echo "$USER_PIN"                                         # rehearsal: CRL with the revoked test certificate
    # deployment.md, production path
    echo "$USER_PIN"                                         # TLS certificate
    echo "$USER_PIN"                                         # administrator certificate
    echo "$USER_PIN"; echo "$OCSP_PASSWORD"                  # the server's secrets (read -rs)
  } > "$WORK/secrets/typed"

  (
    DOCS_TEST_DOC=ceremony
    exec < "$WORK/secrets/typed"
    shopt -s expand_aliases
    run_doc ceremony docs/operations/key-ceremony.md \
      "/dev/shm/ceremonie" "$WORK/ceremonie" \
      "/media/cli/ca-core-<version>-cli.jar" "$CA_CLI_JAR" \
      "REPO=http://pki.example.fr" "REPO=http://localhost:$HTTP_PORT" \
      "<Organisation>" "Commune de Test" "<SIREN>" "218201127"
    if wanted production || wanted backup; then
      export SRC="$ROOT"
      run_doc production docs/operations/deployment.md \
        "db.example.fr:5432" "localhost:$PGPORT" "--host db.example.fr" "--host localhost --port $PGPORT" \
        "ra.example.fr" "localhost" "8080" "$HTTP_PORT" "8443" "$API_PORT" \
        "<Organisation>" "Commune de Test"
      if wanted backup; then
        run_doc backup docs/operations/backup.md \
          "db.example.fr:5432" "localhost:$PGPORT" "--host db.example.fr" "--host localhost --port $PGPORT" \
          "ra.example.fr" "localhost" "8443" "$API_PORT"
      fi
    fi
  )
  stop_background
fi

# ---------------------------------------------------------------------------------------------
# The bridge with the card simulator, on pcscd and vsmartcard-vpcd.
if wanted bridge; then
  ensure_pcscd
  (
    cd "$ROOT"
    export XDG_CONFIG_HOME="$WORK/bridge-config"
    run_doc bridge README.md "127.0.0.1:24861" "127.0.0.1:$BRIDGE_PORT" \
      "serve --portal-origin https://portail.example.fr" "serve --portal-origin https://portail.example.fr --port $BRIDGE_PORT"
    run_doc bridge-guide docs/pkcs11-bridge.md "127.0.0.1:24861" "127.0.0.1:$BRIDGE_PORT" "--port 24861" "--port $BRIDGE_PORT"
  )
  stop_background
fi
