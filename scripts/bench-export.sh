#!/usr/bin/env bash
# Benchmark: the zip export of a story with 10 camera-size photos against ImageMagick making
# the same renditions. Installs ImageMagick if missing and fetches the source photo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The peer must be ImageMagick itself: another program may be installed as `convert` (Debian's
# graphicsmagick-imagemagick-compat, or none at all), so its version line is checked.
is_imagemagick() { convert -version 2>/dev/null | head -n 1 | grep -q "ImageMagick"; }
if ! is_imagemagick; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends imagemagick
fi
if ! is_imagemagick; then
  echo "bench-export: \`convert\` is not ImageMagick ($(convert -version 2>&1 | head -n 1)); install the imagemagick package" >&2
  exit 1
fi
echo "peer: $(convert -version | head -n 1)"
BYLINE_BENCH_PHOTO="$(bash scripts/bench-source.sh)" cargo bench -p byline-core --bench export
