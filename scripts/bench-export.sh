#!/usr/bin/env bash
# Benchmark: the zip export of a story with 10 camera-size photos against ImageMagick making
# the same renditions. Installs ImageMagick if missing and fetches the source photo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! command -v convert >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends imagemagick
fi
BYLINE_BENCH_PHOTO="$(bash scripts/bench-source.sh)" cargo bench -p byline-core --bench export
