#!/usr/bin/env bash
# Runs Byline's end-to-end suite under a private X display. Builds nothing: the app binary must
# already exist (BYLINE_APP, default ../../target/debug/byline-app, built with
# `cargo build --bins --features tauri/custom-protocol`).
# Env: BYLINE_APP, BYLINE_CLI (the byline CLI, for specs that export; default next to the app), E2E_PORT (tauri-driver port P; P+1 is the native port; default: a free pair),
#      E2E_TIMEOUT_MS, E2E_KEEP_TMP=1 (keep the temp library), TAURI_DRIVER (path to tauri-driver).
set -euo pipefail
cd "$(dirname "$0")"

export BYLINE_APP="$(realpath -m "${BYLINE_APP:-../../target/debug/byline-app}")"
if [[ ! -x "$BYLINE_APP" ]]; then
  echo "run.sh: app binary not found or not executable: $BYLINE_APP" >&2
  exit 2
fi
# tauri-driver is usually installed with `cargo install`.
[[ -d "$HOME/.cargo/bin" ]] && PATH="$PATH:$HOME/.cargo/bin"
for tool in xvfb-run WebKitWebDriver "${TAURI_DRIVER:-tauri-driver}"; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "run.sh: '$tool' is not on PATH (tauri-driver lives in ~/.cargo/bin)" >&2
    exit 2
  fi
done

# Also after package-lock.json changed (a new dev dependency).
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --ignore-scripts --no-audit --no-fund
fi
mkdir -p output

# -a picks a free display number; the exit status is the test runner's.
exec xvfb-run -a -s "-screen 0 1280x800x24" node --test --test-concurrency=1 specs/
