#!/usr/bin/env bash
# Prints the path of the benchmarks' source photo: a real 18-megapixel photo from Debian's
# mate-backgrounds package, fetched (not installed) on first use into target/bench-source/.
set -euo pipefail
cd "$(dirname "$0")/.."
photo=target/bench-source/Elephants_5640x3172.jpg
if [ ! -f "$photo" ]; then
  mkdir -p target/bench-source
  (cd target/bench-source && apt-get download mate-backgrounds >&2 && dpkg-deb -x mate-backgrounds_*.deb x)
  cp target/bench-source/x/usr/share/backgrounds/mate/abstract/Elephants_5640x3172.jpg "$photo"
fi
echo "$PWD/$photo"
