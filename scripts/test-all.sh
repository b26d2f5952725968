#!/usr/bin/env bash
# Sets up what is missing and runs every test: the core and CLI (Rust), the UI (Vitest, type
# check), then the real app end to end through tauri-driver + WebKitWebDriver under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."

# What each step cost, printed at the end (also when a step fails), so a CI log says where a
# cold run spends its time.
timings=()
current=""
last=$SECONDS
step() {
  if [ -n "$current" ]; then timings+=("$(printf '%6ds  %s' $((SECONDS - last)) "$current")"); fi
  last=$SECONDS
  current="$*"
  if [ -n "$current" ]; then printf '\n== %s\n' "$current"; fi
}
report() {
  step ""
  printf '\n== time per step (total %ds)\n' "$SECONDS"
  printf '%s\n' "${timings[@]}"
  # Disk is what a cold CI machine runs out of first: say how much the build took.
  printf '\n== disk: build output %s, free %s\n' "$(du -sh target 2>/dev/null | cut -f1)" \
    "$(df -h --output=avail . | tail -1 | tr -d ' ')"
}
trap report EXIT

step "Setup: system packages, npm packages, tauri-driver"
bash scripts/setup.sh --with-e2e
export PATH="$HOME/.cargo/bin:$PATH"

step "Rust: format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings

step "UI: type check, unit tests, build"
npm --prefix ui run check
npm --prefix ui test
npm --prefix ui run build

step "Test servers: the Ghost stand-in answers and checks tokens as Ghost does"
node --test tests/servers/ghost-standin.test.mjs

# The tests build the real app binary too (with the feature that bundles the UI), since the
# app's own integration tests need it: the end-to-end suite drives that binary. A separate
# `cargo build -p byline-app` would resolve features differently and compile some eighty crates
# (Tauri, Typst, Harper) a second time.
step "Rust: every crate's tests (the app's own too), and the real app binary"
cargo test --workspace --features byline-app/custom-protocol

step "End to end: the real app through WebDriver under Xvfb"
BYLINE_APP="$PWD/target/debug/byline-app" bash tests/e2e/run.sh

echo
echo "all tests passed"
