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
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}"
fi
BYLINE_BENCH_PHOTO="$(bash scripts/bench-source.sh)" cargo bench -p byline-core --bench thumbnails
