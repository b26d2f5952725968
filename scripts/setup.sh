#!/usr/bin/env bash
# Installs what Byline needs on a Debian/Ubuntu machine, skipping what is already there:
# the system libraries for Tauri/WebKitGTK, cmake and nasm (libjpeg-turbo is built from source),
# libheif (HEIC and AVIF photos, loaded at run time) and its heif-enc (the HEIC tests make their files),
# LibreOffice Writer, poppler and qpdf (the DOCX tests open every exported DOCX in LibreOffice; the
# PDF proof is checked by qpdf, pdffonts, pdftotext and pdfinfo),
# Xvfb and WebKitWebDriver for the end-to-end tests (with --with-e2e also headless Chromium, and
# xdotool, which answers the native file dialogs), the validators the export tests run
# (exiftool, Hugo, xmllint, Java for the Nu Html Checker), the npm packages, and tauri-driver;
# with --with-e2e (the tests) also the publishing tests' servers and keychain: WordPress (PHP 8.2,
# MariaDB), Ghost 6 (npm, with the Node 22 it needs), and a Secret Service (gnome-keyring in a
# D-Bus session), and the tools that check the Debian package (desktop-file-validate,
# appstreamcli, dpkg-shlibdeps). Rust, Node 20 and npm must already be installed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev xvfb xauth webkit2gtk-driver
  libimage-exiftool-perl cmake nasm
  libheif1 libheif-examples
  libreoffice-writer-nogui poppler-utils qpdf
  hugo libxml2-utils default-jre-headless
)
# The load spec measures the same UI bundle in headless Chromium next to the app.
if [ "${1:-}" = "--with-e2e" ]; then
  packages+=(chromium chromium-driver xdotool)
  # The keychain test runs the Secret Service in a D-Bus session of its own.
  packages+=(gnome-keyring libsecret-tools dbus-daemon)
  # The package test checks the .deb with Debian's own tools.
  packages+=(desktop-file-utils appstream dpkg-dev)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The publishing tests' servers: WordPress (PHP and MariaDB from apt, the WordPress package
# unpacked) and Ghost (npm) into tests/servers/.cache; the scripts there start a site per test.
if [ "${1:-}" = "--with-e2e" ]; then
  bash tests/servers/wordpress.sh install
  bash tests/servers/ghost.sh install
fi

command -v cargo >/dev/null || { echo "setup: Rust (cargo) is required: https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: Node.js 20 and npm are required" >&2; exit 1; }

# --ignore-scripts: no package may download anything at install time.
[ -d ui/node_modules ] || npm ci --ignore-scripts --prefix ui --no-audit --no-fund
# The Nu Html Checker (vnu.jar) the export tests run.
[ -d tests/tools/node_modules ] || npm ci --ignore-scripts --prefix tests/tools --no-audit --no-fund

if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  if [ "${1:-}" = "--with-e2e" ]; then
    echo "setup: installing tauri-driver"
    cargo install tauri-driver --version '^2' --locked
  fi
fi
