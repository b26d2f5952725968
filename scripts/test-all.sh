#!/usr/bin/env bash
# Sets up what is missing and runs every test: the core and CLI (Rust), the UI (Vitest, type
# check), then the real app end to end through tauri-driver + WebKitWebDriver under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-e2e
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "Rust: format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings

step "UI: type check, unit tests, build"
npm --prefix ui run check
npm --prefix ui test
npm --prefix ui run build

step "Rust: every crate's tests (the app's own too)"
cargo test --workspace

step "App: build the real binary (bundled UI)"
cargo build -p byline-app --features custom-protocol

step "End to end: the real app through WebDriver under Xvfb"
BYLINE_APP="$PWD/target/debug/byline-app" bash tests/e2e/run.sh

echo
echo "all tests passed"
