#!/usr/bin/env bash
# Benchmark: the sample story with 10 camera photos sent to a real WordPress on 127.0.0.1
# (tests/servers/wordpress.sh), against curl uploading the same renditions and making the same
# post, in one run. Installs WordPress if missing and fetches the source photo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-e2e
BYLINE_BENCH_PHOTO="$(bash scripts/bench-source.sh)" cargo bench -p byline-core --bench publish
