#!/usr/bin/env bash
# Sets up what is missing, builds Byline and opens it on the default library (the OS data
# folder; BYLINE_LIBRARY=DIR points elsewhere). The first run seeds the sample story.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm --prefix ui run build
cargo run -p byline-app --features custom-protocol
