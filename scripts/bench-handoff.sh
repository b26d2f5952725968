#!/usr/bin/env bash
# Benchmark: the DOCX export of the load test's 20,000-word story with 50 phone photos against
# LibreOffice converting the same story's HTML (images embedded) to DOCX, and the PDF proof
# against LibreOffice turning Byline's DOCX into PDF; warm, side by side.
# Installs LibreOffice Writer if missing (scripts/setup.sh does), fetches the source photo and
# generates the story.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! soffice --version 2>/dev/null | grep -q "LibreOffice"; then
  echo "bench-handoff: \`soffice\` is not LibreOffice ($(soffice --version 2>&1 | head -n 1))" >&2
  exit 1
fi
echo "peer: $(soffice --version | head -n 1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bash scripts/bench-story.sh "$work/story.md"
BYLINE_BENCH_STORY="$work/story.md" BYLINE_BENCH_PHOTO="$(bash scripts/bench-source.sh)" \
  cargo bench -q -p byline-core --bench handoff
