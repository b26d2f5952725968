# What the test servers' scripts (wordpress.sh, ghost.sh) share: their processes, each in a
# process group of its own, and a throwaway MariaDB owned by the test, next to (never instead
# of) any system one. Sourced after the script sets `S` (its state folder, via state_dir) and
# defines `die`.

# --- processes ---------------------------------------------------------------------------------

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
pid_of() { cat "$1" 2>/dev/null || true; }

# Ends a process group (each server runs in its own, started by setsid) and waits for it:
# TERM first, KILL after `grace` seconds.
end_group() {
  local pid="$1" grace="$2" i
  alive "$pid" || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    # The group is gone once no process of it is left (the leader may exit before its workers).
    kill -0 -- "-$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do kill -0 -- "-$pid" 2>/dev/null || return 0; sleep 0.1; done
}

# A TCP port that nothing listens on now, chosen by the kernel.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Whether nothing listens on 127.0.0.1:PORT (a bind succeeds; SO_REUSEADDR, as the servers set
# it, so a port whose last connections linger in TIME_WAIT counts as free).
port_free() {
  python3 -c 'import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null
}

# The state folder STATE_DIR, made if missing, as an absolute path in `S`.
state_dir() {
  [ -n "${1:-}" ] || die "STATE_DIR is required"
  mkdir -p "$1"
  S="$(cd "$1" && pwd)"
}

# Stops the web server (TERM, KILL after `grace` seconds) and the database.
stop_all() {
  local grace="$1" sock
  end_group "$(pid_of "$S/run/web.pid")" "$grace"
  end_group "$(pid_of "$S/run/db.pid.launch")" 30
  sock="$(cat "$S/run/db.socket" 2>/dev/null || true)"
  [ -z "$sock" ] || rm -f "$sock"
  rm -f "$S/run/web.pid" "$S/run/db.pid" "$S/run/db.pid.launch"
}

# --- database ----------------------------------------------------------------------------------

db_cli() { mariadb --no-defaults --protocol=socket --socket="$(cat "$S/run/db.socket")" -uroot "$@"; }

# Starts MariaDB on 127.0.0.1 with its data in $S/db (made on first start), a socket of its own
# and the mariadbd options given (buffer sizes, collation); the port goes to $S/run/db.port.
start_db() {
  local user=() sock port attempt i
  # mariadbd refuses to run as root unless told to.
  [ "$(id -u)" -ne 0 ] || user=(--user=root)
  mkdir -p "$S/run" "$S/log"
  # A Unix socket path is limited to 107 bytes; a deep STATE_DIR gets one in the temp folder.
  sock="$S/run/db.sock"
  ((${#sock} < 100)) || sock="$(mktemp -u "${TMPDIR:-/tmp}/byline-db-XXXXXXXX.sock")"
  echo "$sock" > "$S/run/db.socket"
  if [ ! -d "$S/db/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$S/db" "${user[@]}" --skip-test-db \
      --auth-root-authentication-method=normal --skip-name-resolve > "$S/log/db-install.log" 2>&1 ||
      die "mariadb-install-db failed; see $S/log/db-install.log"
  fi
  # The port is free when chosen; another server may take it before MariaDB binds, so a start
  # whose server exits is tried again on another port.
  for attempt in 1 2 3; do
    port="$(free_port)"
    setsid mariadbd --no-defaults --datadir="$S/db" "${user[@]}" --bind-address=127.0.0.1 \
      --port="$port" --socket="$sock" --pid-file="$S/run/db.pid" --log-error="$S/log/db.log" \
      --skip-name-resolve --skip-log-bin --innodb-flush-log-at-trx-commit=0 \
      --character-set-server=utf8mb4 "$@" < /dev/null > /dev/null 2>&1 &
    echo $! > "$S/run/db.pid.launch"
    for ((i = 0; i < 300; i++)); do
      alive "$(cat "$S/run/db.pid.launch")" || break
      if mariadb-admin --no-defaults --socket="$sock" -uroot ping > /dev/null 2>&1; then
        echo "$port" > "$S/run/db.port"
        return 0
      fi
      sleep 0.1
    done
    end_group "$(cat "$S/run/db.pid.launch")" 5
  done
  die "mariadbd did not start; see $S/log/db.log"
}
