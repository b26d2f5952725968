#!/usr/bin/env bash
# A real WordPress on 127.0.0.1 for the publishing tests, from Debian's packages only: WordPress
# 6.1 (the `wordpress` package, unpacked so that Apache is not pulled in), PHP 8.2's built-in web
# server and a throwaway MariaDB owned by the test, next to (never instead of) any system one.
#
#   wordpress.sh install                Installs PHP and MariaDB and unpacks WordPress (idempotent)
#   wordpress.sh start STATE_DIR PORT   A fresh site at http://127.0.0.1:PORT; prints its env lines
#   wordpress.sh stop STATE_DIR         Stops the web server and the database
#   wordpress.sh stop-web STATE_DIR     Stops only the web server (the database and site stay)
#   wordpress.sh start-web STATE_DIR    Starts the web server again on the same port
#
# With WP_IMAGE_SIZES=off in its environment, `start` makes a site that keeps each upload as it
# comes and makes no smaller sizes of it (the load spec's: a site on another computer resizes on
# its own processor, not on the one measured).
#
# `start` prints, and writes to STATE_DIR/env, shell lines:
#   WP_URL=http://127.0.0.1:PORT  WP_USER=editor  WP_APP_PASSWORD=...  WP_PHP_PID=...  WP_DB_PID=...
# The REST API is reached as WP_URL/?rest_route=/wp/v2/... (plain permalinks), with basic auth
# WP_USER:WP_APP_PASSWORD (an application password; the site says it is a `local` environment,
# which WordPress requires for them over plain HTTP). Everything of the site lives in STATE_DIR:
# db/ (MariaDB's data), www/ (the WordPress core, its wp-config.php and wp-content/uploads),
# run/ (pid files, socket) and log/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="$here/.cache/wordpress"
core="$cache/usr/share/wordpress"

die() { echo "wordpress.sh: $*" >&2; exit 1; }

# --- install -----------------------------------------------------------------------------------

# php-gd makes WordPress's image sizes; php-xml, php-mbstring and php-curl are what its site
# health asks for. The WordPress core itself and the few packages it links its bundled copies
# to (getID3, two JavaScript libraries) are unpacked, not installed.
packages=(php-cli php-mysql php-gd php-xml php-mbstring php-curl mariadb-server mariadb-client)
unpacked=(wordpress wordpress-theme-twentytwentythree php-getid3 libjs-cropper libjs-underscore)

install() {
  local missing=() p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ((${#missing[@]})); then
    echo "wordpress.sh: installing ${missing[*]}"
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -q
    # The lock timeout: another apt may be running on the machine at the same time. MariaDB's
    # package may start (or fail to start) the system server; the tests never use it.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -q \
      --no-install-recommends "${missing[@]}"
  fi
  [ -f "$cache/.unpacked" ] && return 0
  echo "wordpress.sh: unpacking ${unpacked[*]}"
  local tmp
  tmp="$(mktemp -d)"
  # apt's download sandbox user cannot write into a root-only temporary folder.
  [ "$(id -u)" -ne 0 ] || chown _apt "$tmp" 2>/dev/null || true
  (cd "$tmp" && apt-get download -q "${unpacked[@]}" >/dev/null) ||
    { $sudo apt-get update -q && (cd "$tmp" && apt-get download -q "${unpacked[@]}" >/dev/null); }
  rm -rf "$cache"
  mkdir -p "$cache"
  # Unpacked into one tree, the package's relative links to getID3 and the JavaScript libraries
  # (../../../php/getid3/...) resolve inside it.
  local deb
  for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$cache"; done
  rm -rf "$tmp"
  [ -f "$core/wp-settings.php" ] || die "the wordpress package did not unpack to usr/share/wordpress"
  grep -o "wp_version = '[^']*'" "$core/wp-includes/version.php" > "$cache/.unpacked"
}

source "$here/common.sh"

# --- web server --------------------------------------------------------------------------------

start_web() {
  local port i pid
  port="$(cat "$S/run/web.port")"
  # Checked first: a server already on the port would answer the readiness check below.
  port_free "$port" || die "port $port on 127.0.0.1 is in use"
  # PHP_CLI_SERVER_WORKERS: a long upload does not hold up other requests. The limits let a
  # camera-size photo through; WordPress raises memory itself when it makes the image sizes.
  PHP_CLI_SERVER_WORKERS=4 setsid php -S "127.0.0.1:$port" -t "$S/www" \
    -d upload_max_filesize=64M -d post_max_size=64M -d memory_limit=512M \
    -d max_execution_time=300 -d max_input_time=300 -d display_errors=stderr \
    "$S/www/byline-router.php" < /dev/null >> "$S/log/php.log" 2>&1 &
  pid=$!
  echo "$pid" > "$S/run/web.pid"
  for ((i = 0; i < 200; i++)); do
    alive "$pid" || die "php -S exited (is port $port in use?); see $S/log/php.log"
    if curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$port/?rest_route=/" 2>/dev/null; then
      alive "$pid" || break
      return 0
    fi
    sleep 0.1
  done
  die "WordPress did not answer on port $port; see $S/log/php.log"
}

write_env() {
  local port
  port="$(cat "$S/run/web.port")"
  {
    echo "WP_URL=http://127.0.0.1:$port"
    echo "WP_USER=editor"
    echo "WP_APP_PASSWORD=$(cat "$S/run/app-password")"
    echo "WP_PHP_PID=$(cat "$S/run/web.pid")"
    echo "WP_DB_PID=$(cat "$S/run/db.pid.launch")"
  } > "$S/env"
  cat "$S/env"
}

# --- the site ----------------------------------------------------------------------------------

make_site() {
  local port="$1" db_port
  db_port="$(cat "$S/run/db.port")"
  db_cli -e "CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
    CREATE USER 'wordpress'@'127.0.0.1' IDENTIFIED BY 'wordpress';
    GRANT ALL ON wordpress.* TO 'wordpress'@'127.0.0.1';"
  # Each site gets its own copy of the core, hard links where the file system allows: WordPress
  # finds its wp-config.php next to its own wp-load.php, and the package's one reads /etc/wordpress.
  cp -al "$core" "$S/www" 2>/dev/null || { rm -rf "$S/www"; cp -a "$core" "$S/www"; }
  rm -f "$S/www/wp-config.php" "$S/www/.htaccess"
  mkdir -p "$S/www/wp-content/uploads"
  local salts
  salts="$(php -r 'foreach (["AUTH_KEY","SECURE_AUTH_KEY","LOGGED_IN_KEY","NONCE_KEY","AUTH_SALT",
    "SECURE_AUTH_SALT","LOGGED_IN_SALT","NONCE_SALT"] as $k)
    echo "define(\"$k\", \"", bin2hex(random_bytes(32)), "\");\n";')"
  cat > "$S/www/wp-config.php" <<EOF
<?php
// Written by tests/servers/wordpress.sh for one test site.
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', 'wordpress');
define('DB_HOST', '127.0.0.1:$db_port');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
$salts
\$table_prefix = 'wp_';
// Application passwords over plain HTTP need a 'local' environment.
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_HOME', 'http://127.0.0.1:$port');
define('WP_SITEURL', 'http://127.0.0.1:$port');
// No network: no update checks, no cron requests to itself.
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('FS_METHOD', 'direct');
define('WP_DEBUG', false);
if (!defined('ABSPATH')) {
    define('ABSPATH', __DIR__ . '/');
}
require_once ABSPATH . 'wp-settings.php';
EOF
  # The site sends no mail (WordPress mails the admin on install; there is no sendmail).
  mkdir -p "$S/www/wp-content/mu-plugins"
  cat > "$S/www/wp-content/mu-plugins/byline-test-site.php" <<'EOF'
<?php
// Written by tests/servers/wordpress.sh: a test site sends no mail.
add_filter('pre_wp_mail', '__return_true');
EOF
  if [ "${WP_IMAGE_SIZES:-on}" = off ]; then
    cat > "$S/www/wp-content/mu-plugins/byline-no-image-sizes.php" <<'EOF'
<?php
// Written by tests/servers/wordpress.sh (WP_IMAGE_SIZES=off): uploads are kept as they come,
// with no smaller sizes made and no "-scaled" copy of a large one.
add_filter('intermediate_image_sizes_advanced', '__return_empty_array');
add_filter('big_image_size_threshold', '__return_false');
EOF
  fi
  # The built-in server serves files that exist (uploads, scripts, styles) itself and hands
  # every other path to WordPress, as Apache's rewrite rules would.
  cat > "$S/www/byline-router.php" <<'EOF'
<?php
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
if ($path !== '/' && (is_file(__DIR__ . $path) || is_file(__DIR__ . rtrim($path, '/') . '/index.php'))) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = __DIR__ . '/index.php';
chdir(__DIR__);
require __DIR__ . '/index.php';
EOF
  # WordPress's own installer, then an application password for the editor. Pretty permalinks
  # (so /wp-json/ answers too) unless WP_PERMALINKS=plain; ?rest_route= works with both.
  local permalinks="/%year%/%monthnum%/%postname%/"
  [ "${WP_PERMALINKS:-}" != plain ] || permalinks=""
  php -d memory_limit=512M -r '
    define("WP_INSTALLING", true);
    $_SERVER["HTTP_HOST"] = "127.0.0.1";
    require $argv[1] . "/wp-load.php";
    require_once ABSPATH . "wp-admin/includes/upgrade.php";
    $r = wp_install("Byline test site", "editor", "editor@example.com", false, "",
                    wp_generate_password(24, false));
    $user = (int) $r["user_id"];
    global $wp_rewrite;
    $wp_rewrite->set_permalink_structure($argv[3]);
    $wp_rewrite->flush_rules(false);
    update_option("uploads_use_yearmonth_folders", 1);
    if (!wp_is_application_passwords_available()) { fwrite(STDERR, "no application passwords\n"); exit(1); }
    $made = WP_Application_Passwords::create_new_application_password($user, ["name" => "byline-tests"]);
    if (is_wp_error($made)) { fwrite(STDERR, $made->get_error_message() . "\n"); exit(1); }
    file_put_contents($argv[2], $made[0]);
  ' "$S/www" "$S/run/app-password" "$permalinks" > "$S/log/install.log" 2>&1 ||
    die "WordPress's install failed; see $S/log/install.log"
}

# --- commands ----------------------------------------------------------------------------------

cmd="${1:-}"
case "$cmd" in
  install)
    install
    ;;
  start)
    [ $# -eq 3 ] || die "usage: wordpress.sh start STATE_DIR PORT"
    [[ "$3" =~ ^[0-9]+$ ]] || die "PORT must be a number"
    [ -f "$cache/.unpacked" ] || die "WordPress is not unpacked: run \`bash tests/servers/wordpress.sh install\`"
    state_dir "$2"
    if alive "$(pid_of "$S/run/web.pid")" || alive "$(pid_of "$S/run/db.pid.launch")"; then
      die "a site is running in $S: stop it first"
    fi
    # Only what an earlier start made here is cleared.
    rm -rf "$S/db" "$S/www" "$S/run" "$S/log" "$S/env"
    mkdir -p "$S/run" "$S/log"
    echo "$3" > "$S/run/web.port"
    port_free "$3" || die "port $3 on 127.0.0.1 is in use"
    # A start that fails part way leaves nothing running.
    trap '[ $? -eq 0 ] || stop_all 10' EXIT
    start_db --innodb-buffer-pool-size=64M --collation-server=utf8mb4_unicode_ci
    make_site "$3"
    start_web
    trap - EXIT
    write_env
    ;;
  stop)
    [ $# -eq 2 ] || die "usage: wordpress.sh stop STATE_DIR"
    state_dir "$2"
    stop_all 10
    ;;
  stop-web)
    [ $# -eq 2 ] || die "usage: wordpress.sh stop-web STATE_DIR"
    state_dir "$2"
    end_group "$(pid_of "$S/run/web.pid")" 10
    rm -f "$S/run/web.pid"
    ;;
  start-web)
    [ $# -eq 2 ] || die "usage: wordpress.sh start-web STATE_DIR"
    state_dir "$2"
    [ -f "$S/run/web.port" ] && [ -f "$S/www/wp-config.php" ] || die "no site in $S: run start first"
    alive "$(pid_of "$S/run/db.pid.launch")" || die "the database of $S is not running: run start"
    alive "$(pid_of "$S/run/web.pid")" && die "the web server of $S is already running"
    start_web
    write_env
    ;;
  *)
    sed -n '2,18p' "$0" >&2
    exit 2
    ;;
esac
