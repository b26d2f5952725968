#!/usr/bin/env bash
# Benchmark: search, suggestions, the library list and saving on a generated library of 100,000
# stories, with the ranking measured side by side against tantivy on the same index. The library
# is generated once into target/bench-search-100k (a few minutes), then reused.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p byline-core --bench search
