#!/usr/bin/env bash
# Local services for development, tests and CI: Redis, FerretDB (MongoDB wire
# protocol on SQLite), Dovecot (IMAP + LMTP) and a loopback SMTP relay into Dovecot.
#
#   services.sh start    make sure everything the app needs runs (idempotent; installs what is missing)
#   services.sh browser  install Chromium and CJK fonts for the browser tests (npm test runs it)
#   services.sh stop     stop what this script started
#   services.sh status   show what runs where
#
# Needs Debian or Ubuntu, root or sudo for apt-get, and Go >= 1.24 to build FerretDB
# (unless MONGODB_URL names a MongoDB).
#
# A service the user points at with MONGODB_URL, REDIS_URL, IMAP_URL or SMTP_URL
# is the user's: nothing local is started for it. All state lives under .local/
# (git-ignored), Dovecot's under /tmp; deleting them resets the local setup.
set -euo pipefail
# A test on a pipeline's output reads it whole (grep ... >/dev/null, not grep -q): with
# pipefail, grep -q stopping at its first match can fail the writer with SIGPIPE, and the
# test with it (seen: FerretDB's `--version` judged wrong, and FerretDB built again).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LOCAL="$ROOT/.local"
RUN="$LOCAL/run"
mkdir -p "$RUN"
# The app reads .env too: a service configured there is the user's, not ours to start.
if [ -f "$ROOT/.env" ]; then set -a; . "$ROOT/.env"; set +a; fi

# Local defaults; src/config/env.ts uses the same values when no variable is set.
MAIL_DOMAIN=example.test
DEV_MAIL_PASSWORD=dev-password
REDIS_PORT=6379
FERRET_PORT=27027
FERRET_DEBUG_PORT=27028
IMAP_PORT=1143
LMTP_PORT=2424
SMTP_PORT=2525
FERRET_VERSION=v1.24.2
FERRET_GOGC=1000 # FerretDB's GOGC; why: see where start_ferretdb starts it

say() { printf '[services] %s\n' "$*"; }
die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() { # port name seconds logfile
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    port_open "$1" && return 0
    sleep 0.1
  done
  die "$2 did not open 127.0.0.1:$1 within $3 s; see $4"
}

wait_port_closed() { # port name seconds
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    port_open "$1" || return 0
    sleep 0.1
  done
  die "$2 still holds 127.0.0.1:$1 $3 s after it was stopped"
}

banner() { # port: the first line the server sends
  timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1; head -n1 <&3" 2>/dev/null || true
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

apt_install() { # packages...
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "need root or sudo to run: apt-get install -y $*"
    sudo=sudo
  fi
  say "installing $* with apt-get"
  $sudo apt-get update -q >/dev/null || die "apt-get update failed; install $* by hand"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "$@" >/dev/null ||
    die "apt-get install $* failed; install it by hand"
}

# --- Redis ---------------------------------------------------------------
start_redis() {
  if [ -n "${REDIS_URL:-}" ]; then say "redis: using REDIS_URL (nothing started)"; return; fi
  if ! port_open "$REDIS_PORT"; then
    command -v redis-server >/dev/null || apt_install redis-server
    mkdir -p "$LOCAL/redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$LOCAL/redis" \
      --appendonly yes --maxmemory-policy noeviction \
      --pidfile "$RUN/redis.pid" --logfile "$LOCAL/redis/redis.log" >/dev/null
    wait_port "$REDIS_PORT" redis 10 "$LOCAL/redis/redis.log"
    say "redis: started on 127.0.0.1:$REDIS_PORT (AOF under .local/redis)"
  else
    say "redis: already running on 127.0.0.1:$REDIS_PORT"
  fi
  command -v redis-cli >/dev/null || return 0
  # BullMQ must never lose keys to eviction.
  redis-cli -p "$REDIS_PORT" config set maxmemory-policy noeviction >/dev/null ||
    say "redis: WARNING could not set maxmemory-policy noeviction; set it in redis.conf"
  # Queues and send receipts must survive a Redis crash, as in a deployment (README:
  # scale out). A Redis that was running without persistence (Debian's keeps nothing)
  # gets AOF now; its first rewrite must finish before a crash would find it complete.
  if [ "$(redis-cli -p "$REDIS_PORT" config get appendonly | tail -n1)" != yes ]; then
    redis-cli -p "$REDIS_PORT" config set appendonly yes >/dev/null ||
      die "redis on 127.0.0.1:$REDIS_PORT refused 'config set appendonly yes'; turn on appendonly in its redis.conf"
    local i
    for ((i = 0; i < 300; i++)); do
      redis-cli -p "$REDIS_PORT" info persistence | grep '^aof_rewrite_in_progress:0' >/dev/null &&
        redis-cli -p "$REDIS_PORT" info persistence | grep '^aof_rewrite_scheduled:0' >/dev/null && break
      sleep 0.1
    done
    say "redis: turned on AOF persistence in $(redis-cli -p "$REDIS_PORT" config get dir | tail -n1)"
  fi
}

# --- FerretDB ------------------------------------------------------------
ferretdb_bin() {
  local gobin
  gobin=$(go env GOBIN 2>/dev/null || true)
  [ -n "$gobin" ] || gobin="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"
  echo "$gobin/ferretdb"
}

install_ferretdb() { # target
  command -v go >/dev/null || die "FerretDB is built with Go, which is missing: install Go >= 1.24 (https://go.dev/dl) or set MONGODB_URL to a MongoDB server"
  say "ferretdb: building $FERRET_VERSION from the Go module proxy (takes a few minutes once)"
  # 'go install ...@version' builds a binary that panics on start because the module
  # ships without build/version/version.txt; so build from a copy that has it.
  local src tmp
  src=$(go mod download -json "github.com/FerretDB/FerretDB@$FERRET_VERSION" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || die "could not download github.com/FerretDB/FerretDB@$FERRET_VERSION from the Go module proxy"
  tmp=$(mktemp -d)
  cp -r "$src/." "$tmp"
  chmod -R u+w "$tmp"
  echo "$FERRET_VERSION" >"$tmp/build/version/version.txt"
  mkdir -p "$(dirname "$1")"
  (cd "$tmp" && go build -trimpath -o "$1" ./cmd/ferretdb) || die "building FerretDB failed (see the Go output above)"
  rm -rf "$tmp"
}

# A process's environment, one variable a line; empty when it is not this user's.
process_env() { tr '\0' '\n' <"/proc/$1/environ" 2>/dev/null; }
# A process's command-line arguments, one a line (readable whoever runs it).
process_args() { tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null; }
# True when the FerretDB with this pid runs with the GOGC it is started with below.
ferretdb_gogc_set() { process_env "$1" | grep -x "GOGC=$FERRET_GOGC" >/dev/null; }
# Its SQLite settings; why each: see where start_ferretdb starts it.
ferretdb_sqlite_url() { echo "file:$LOCAL/ferretdb/data/?_pragma=cache_size(-131072)&_pragma=temp_store(2)"; }
# True when the FerretDB with this pid runs as start_ferretdb starts it now.
ferretdb_current() {
  ferretdb_gogc_set "$1" && process_args "$1" | grep -xF -- "--sqlite-url=$(ferretdb_sqlite_url)" >/dev/null
}

start_ferretdb() {
  if [ -n "${MONGODB_URL:-}" ]; then say "ferretdb: using MONGODB_URL (nothing started)"; return; fi
  if ! pid_alive "$RUN/ferretdb.pid" && port_open "$FERRET_PORT"; then
    # Restarted by someone else on this checkout's data (the fault test does): adopt it,
    # so that status and stop see it and its _id indexes are kept up.
    local served
    served=$(ss -ltnpH "sport = :$FERRET_PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
    if [ -z "$served" ] || ! process_args "$served" | grep -x -- "--state-dir=$LOCAL/ferretdb/state" >/dev/null; then
      say "ferretdb: 127.0.0.1:$FERRET_PORT is already served (not started from this checkout); using it"
      # (Its environment is readable only when it runs as this user: otherwise nothing is said.)
      if [ -n "$served" ] && [ -n "$(process_env "$served")" ] && ! ferretdb_gogc_set "$served"; then
        say "ferretdb: warning: it runs without GOGC=$FERRET_GOGC in its environment and spends about a third more CPU per command collecting its small heap; restart it with GOGC=$FERRET_GOGC"
      fi
      # Only the SQLite backend has the setting.
      if [ -n "$served" ] && process_args "$served" | grep -x -- '--handler=sqlite' >/dev/null &&
        ! process_args "$served" | grep -- '--sqlite-url=.*temp_store(2)' >/dev/null; then
        say "ferretdb: warning: its --sqlite-url lacks _pragma=temp_store(2), which saves about a seventh of its CPU (README, \"Benchmark\"); restart it with that pragma added"
      fi
      return
    fi
    echo "$served" >"$RUN/ferretdb.pid"
    say "ferretdb: adopted the one running on this checkout's data (restarted outside this script)"
  fi
  if pid_alive "$RUN/ferretdb.pid" && port_open "$FERRET_PORT" && ! ferretdb_current "$(cat "$RUN/ferretdb.pid")"; then
    # Started by an older version of this script, or restarted without it: started again
    # the way it is now.
    say "ferretdb: running with older settings (GOGC or its SQLite URL); restarting it"
    stop_pidfile "$RUN/ferretdb.pid" ferretdb
    wait_port_closed "$FERRET_PORT" ferretdb 15
  fi
  if pid_alive "$RUN/ferretdb.pid" && port_open "$FERRET_PORT"; then
    say "ferretdb: already running on 127.0.0.1:$FERRET_PORT"
    start_id_index
    return
  fi
  local bin
  bin=$(ferretdb_bin)
  if [ ! -x "$bin" ] || ! "$bin" --version 2>/dev/null | grep "$FERRET_VERSION" >/dev/null; then
    install_ferretdb "$bin"
  fi
  mkdir -p "$LOCAL/ferretdb/data" "$LOCAL/ferretdb/state"
  # A larger page cache, for the collections' lookups by _id. No memory-mapped I/O
  # (mmap_size): SQLite unmaps and maps the file again as it grows, and measured with
  # finds, updates and inserts by _id that cost 20 % (485 against 600 commands/s).
  # setsid: a service outlives the process group that started it (a test, a timeout).
  # GOGC=1000 (FERRET_GOGC): FerretDB's live heap is 2-4 MB, so at Go's default (collect
  # when the heap has doubled) it collected ~20 times a second in a burst, a tenth of its CPU.
  # Measured in 300-mail bench bursts: FerretDB's CPU per mail 61 -> 47 ms, 10.7 -> 12.3
  # mails/s (means of 5 and 7 runs), for ~90 MB of RSS instead of ~45.
  # temp_store(2), MEMORY: the statement journal every write in a transaction opens then
  # grows in 1 KB chunks; with temporary files (the default) it starts with a 64 KB
  # chunk, which SQLite's Go allocator maps and unmaps for each statement (its profile:
  # mmap, munmap, page faults). Only temporary data: the database and its log are the
  # same. Measured alone (batched inserts, finds, updates, deletes by _id, 1.4 KB
  # documents, three alternating pairs of two instances): FerretDB's CPU 17-23 % lower.
  GOGC=$FERRET_GOGC setsid nohup "$bin" --handler=sqlite --sqlite-url="$(ferretdb_sqlite_url)" \
    --state-dir="$LOCAL/ferretdb/state" --listen-addr="127.0.0.1:$FERRET_PORT" \
    --debug-addr="127.0.0.1:$FERRET_DEBUG_PORT" --telemetry=disable --log-level=warn \
    >"$LOCAL/ferretdb/ferretdb.log" 2>&1 &
  echo $! >"$RUN/ferretdb.pid"
  wait_port "$FERRET_PORT" ferretdb 30 "$LOCAL/ferretdb/ferretdb.log"
  say "ferretdb: started $FERRET_VERSION on 127.0.0.1:$FERRET_PORT (SQLite under .local/ferretdb)"
  start_id_index
}

# FerretDB's own _id index is never used by its lookups; see ferretdb-id-index.sh.
start_id_index() {
  pid_alive "$RUN/ferretdb-id-index.pid" && return
  command -v sqlite3 >/dev/null || apt_install sqlite3
  setsid nohup bash "$ROOT/scripts/services/ferretdb-id-index.sh" "$LOCAL/ferretdb/data" >"$LOCAL/ferretdb/id-index.log" 2>&1 &
  echo $! >"$RUN/ferretdb-id-index.pid"
  say "ferretdb: indexing _id lookups of every collection (scripts/services/ferretdb-id-index.sh)"
}

# --- Dovecot -------------------------------------------------------------
# Dovecot's mail processes run as the system user "mail", which must be able to reach
# the mail folders: a temp dir always is, a checkout's parent folders may not be.
DOVE="${TMPDIR:-/tmp}/feedback-desk-dovecot-$(printf %s "$ROOT" | md5sum | cut -c1-8)"

write_dovecot_config() {
  local uid gid
  uid=$(id -u mail) gid=$(id -g mail)
  mkdir -p "$DOVE/run" "$DOVE/state" "$DOVE/mail"
  chown "$uid:$gid" "$DOVE/mail"
  sed -e "s|@DIR@|$DOVE|g" -e "s|@UID@|$uid|g" -e "s|@GID@|$gid|g" \
    -e "s|@IMAP_PORT@|$IMAP_PORT|g" -e "s|@LMTP_PORT@|$LMTP_PORT|g" -e "s|@DOMAIN@|$MAIL_DOMAIN|g" \
    "$ROOT/scripts/services/dovecot.conf.tpl" >"$DOVE/dovecot.conf"
  grep -v '^\s*#' "$ROOT/scripts/services/mail-users.txt" | grep -v '^\s*$' |
    sed "s|\$|:{PLAIN}$DEV_MAIL_PASSWORD::::::|" >"$DOVE/users"
}

start_dovecot() {
  if [ -n "${IMAP_URL:-}" ]; then say "dovecot: using IMAP_URL (nothing started)"; return; fi
  if pid_alive "$DOVE/run/master.pid" && port_open "$IMAP_PORT"; then
    write_dovecot_config # picks up new users; Dovecot rereads the passwd-file itself
    say "dovecot: already running (IMAP 127.0.0.1:$IMAP_PORT, LMTP 127.0.0.1:$LMTP_PORT)"; return
  fi
  if port_open "$IMAP_PORT"; then
    banner "$IMAP_PORT" | grep Dovecot >/dev/null ||
      die "127.0.0.1:$IMAP_PORT is taken by a program that is not Dovecot; stop it or set IMAP_URL and SMTP_URL"
    say "dovecot: 127.0.0.1:$IMAP_PORT is already served by a Dovecot not started from this checkout; using it"; return
  fi
  [ -x /usr/sbin/dovecot ] && [ -d /usr/lib/dovecot/modules ] && [ -x /usr/lib/dovecot/lmtp ] ||
    apt_install dovecot-imapd dovecot-lmtpd
  id mail >/dev/null 2>&1 || die "the system user 'mail' is missing (it owns the local mailboxes)"
  write_dovecot_config
  /usr/sbin/dovecot -c "$DOVE/dovecot.conf" || die "dovecot did not start; see $DOVE/dovecot.log"
  wait_port "$IMAP_PORT" dovecot-imap 15 "$DOVE/dovecot.log"
  wait_port "$LMTP_PORT" dovecot-lmtp 15 "$DOVE/dovecot.log"
  say "dovecot: started (IMAP 127.0.0.1:$IMAP_PORT, LMTP 127.0.0.1:$LMTP_PORT, users in scripts/services/mail-users.txt @$MAIL_DOMAIN, password $DEV_MAIL_PASSWORD)"
}

# --- SMTP relay into Dovecot ---------------------------------------------
start_smtp() {
  if [ -n "${SMTP_URL:-}" ]; then say "smtp: using SMTP_URL (nothing started)"; return; fi
  if pid_alive "$RUN/smtp.pid" && port_open "$SMTP_PORT"; then
    say "smtp: already running on 127.0.0.1:$SMTP_PORT"; return
  fi
  if port_open "$SMTP_PORT"; then
    banner "$SMTP_PORT" | grep 'feedback-desk development relay' >/dev/null ||
      die "127.0.0.1:$SMTP_PORT is taken by another program; stop it or set SMTP_URL"
    say "smtp: 127.0.0.1:$SMTP_PORT is already served by a relay not started from this checkout; using it"; return
  fi
  [ -x "$ROOT/node_modules/.bin/tsx" ] || die "node_modules is missing: run 'npm ci' first"
  SMTP_PORT=$SMTP_PORT LMTP_PORT=$LMTP_PORT MAIL_DOMAIN=$MAIL_DOMAIN \
    setsid nohup "$ROOT/node_modules/.bin/tsx" "$ROOT/scripts/services/dev-smtp.ts" >"$LOCAL/smtp.log" 2>&1 &
  echo $! >"$RUN/smtp.pid"
  wait_port "$SMTP_PORT" smtp-relay 20 "$LOCAL/smtp.log"
  say "smtp: started relay on 127.0.0.1:$SMTP_PORT -> Dovecot LMTP (mail for @$MAIL_DOMAIN only)"
}

stop_pidfile() { # pidfile name
  if pid_alive "$1"; then
    kill "$(cat "$1")" && say "$2: stopped"
  fi
  rm -f "$1"
}

# --- Chromium (browser tests) -------------------------------------------
ensure_chromium() { # and Chinese fonts, so the screenshots show the zh pages
  local want=()
  [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null || want+=(chromium)
  [ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || want+=(fonts-noto-cjk)
  [ ${#want[@]} -eq 0 ] && return
  apt_install "${want[@]}"
  say "browser tests: installed ${want[*]}"
}

case "${1:-start}" in
  start)
    start_redis
    start_ferretdb
    start_dovecot
    start_smtp
    ;;
  browser)
    ensure_chromium
    ;;
  stop)
    stop_pidfile "$RUN/smtp.pid" smtp
    if pid_alive "$DOVE/run/master.pid"; then
      /usr/sbin/dovecot -c "$DOVE/dovecot.conf" stop && say "dovecot: stopped"
    fi
    stop_pidfile "$RUN/ferretdb-id-index.pid" ferretdb-id-index
    stop_pidfile "$RUN/ferretdb.pid" ferretdb
    stop_pidfile "$RUN/redis.pid" redis # only a Redis this script started
    ;;
  status)
    for s in "redis $REDIS_PORT" "ferretdb $FERRET_PORT" "imap $IMAP_PORT" "lmtp $LMTP_PORT" "smtp $SMTP_PORT"; do
      set -- $s
      if port_open "$2"; then say "$1: up on 127.0.0.1:$2"; else say "$1: down (127.0.0.1:$2)"; fi
    done
    ;;
  *) die "usage: services.sh start|browser|stop|status" ;;
esac
