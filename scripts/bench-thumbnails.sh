#!/usr/bin/env bash
# Benchmark: Byline's thumbnail + preview generation against vipsthumbnail, side by side.
# Installs libvips-tools and GNU time if missing, takes a real 18-megapixel photo from Debian's
# mate-backgrounds package (without installing it), and prints the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
need=()
for p in libvips-tools time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if ((${#need[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}"
fi
# The peer must be libvips' own vipsthumbnail: check what answers to the name.
if ! vipsthumbnail --vips-version 2>/dev/null | grep -q "libvips"; then
  echo "bench-thumbnails: vipsthumbnail is missing or is not libvips' ($(vipsthumbnail --vips-version 2>&1 | head -n 1))" >&2
  exit 1
fi
echo "peer: vipsthumbnail, $(vipsthumbnail --vips-version | head -n 1)"
BYLINE_BENCH_PHOTO="$(bash scripts/bench-source.sh)" cargo bench -p byline-core --bench thumbnails
