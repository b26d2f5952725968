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

# The tests build in the release profile, the package's own: one compile of every crate serves
# the tests, the app the end-to-end suite drives and the binaries the package carries (a debug
# build beside it would compile Tauri, Typst and Harper a second time). The app's integration
# tests need its binary, so `cargo test` builds target/release/byline-app (with the feature that
# bundles the UI) and target/release/byline; a separate `cargo build` would resolve features
# differently and compile some eighty crates again.
step "Rust: every crate's tests (the app's own too), and the release binaries"
cargo test --workspace --release --features byline-app/custom-protocol

step "End to end: the release app through WebDriver under Xvfb"
BYLINE_APP="$PWD/target/release/byline-app" bash tests/e2e/run.sh

step "Package: the .deb built, checked, installed, upgraded, started and removed"
node --test scripts/licences.test.mjs
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
bash scripts/package.sh --no-build --version 0.0.0
bash scripts/package.sh --no-build
bash tests/package/run.sh "target/release/bundle/deb/Byline_${version}_amd64.deb" \
  target/release/bundle/deb/Byline_0.0.0_amd64.deb

echo
echo "all tests passed"
