#!/usr/bin/env bash
# Writes the load test's 20,000-word story (seeded, the same every time) as Markdown to FILE, for
# the benchmarks that need a long story: bench-story.sh FILE
set -euo pipefail
cd "$(dirname "$0")/.."
node --input-type=module -e '
  import { storyMarkdown } from "./tests/e2e/lib/load.mjs";
  import { writeFileSync } from "node:fs";
  const g = storyMarkdown({ seed: 9, words: 20000, headline: "City budget: the long night at the council" });
  writeFileSync(process.argv[1], g.markdown);
' "$1"
