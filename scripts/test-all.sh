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

# The tests build the app with the feature its real binary needs, so the build after them
# reuses every crate (Tauri's included) instead of compiling them a second time.
step "Test servers: the Ghost stand-in answers and checks tokens as Ghost does"
node --test tests/servers/ghost-standin.test.mjs

step "Rust: every crate's tests (the app's own too)"
cargo test --workspace --features byline-app/custom-protocol

step "App: build the real binary (bundled UI)"
cargo build -p byline-app --features custom-protocol

step "End to end: the real app through WebDriver under Xvfb"
BYLINE_APP="$PWD/target/debug/byline-app" bash tests/e2e/run.sh

echo
echo "all tests passed"
