#!/usr/bin/env bash
# Builds Byline's Debian package with Tauri's own bundler: the release app and the `byline`
# command line (one cargo run, so both share one set of compiled crates), the third-party
# notices, then `tauri bundle --bundles deb`. Prints the package's path and size.
#
#   scripts/package.sh                      # target/release/bundle/deb/Byline_<version>_<arch>.deb
#   scripts/package.sh --version 0.0.1      # the same build, packaged with another version number
#   scripts/package.sh --no-build           # package what target/release already holds
#
# Needs what scripts/setup.sh installs (the UI's npm packages bring the pinned Tauri CLI).
set -euo pipefail
cd "$(dirname "$0")/.."

version=""
build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "package.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [[ "$build" == 1 ]]; then
  # The UI first: the app embeds ui/dist when it is compiled.
  npm --prefix ui run build
  cargo build --release --locked -p byline-app -p byline --features byline-app/custom-protocol
fi
for bin in target/release/byline-app target/release/byline; do
  [[ -x "$bin" ]] || { echo "package.sh: $bin is missing: run without --no-build" >&2; exit 2; }
done

# The notices of everything the package carries, generated from the dependency trees and the
# assets' own licence files (the About box shows the same list).
mkdir -p target/package
node scripts/licences.mjs --text target/package/THIRD-PARTY-NOTICES

args=(bundle --bundles deb --ci)
if [[ -n "$version" ]]; then
  args+=(--config "{\"version\": \"$version\"}")
fi
# The app's folder (its Cargo.toml and tauri.conf.json) and the UI's, for the Tauri CLI.
TAURI_APP_PATH=src-tauri/app TAURI_FRONTEND_PATH=ui node ui/node_modules/@tauri-apps/cli/tauri.js "${args[@]}"

deb=$(ls -t target/release/bundle/deb/*.deb | head -1)
printf 'package: %s (%s bytes)\n' "$deb" "$(stat -c %s "$deb")"
