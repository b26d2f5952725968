#!/usr/bin/env bash
# Fuzzes Byline's parsers of untrusted input with cargo-fuzz (libFuzzer + AddressSanitizer).
#   bash scripts/fuzz.sh                 # every target, 10 minutes each
#   bash scripts/fuzz.sh photo_metadata 60
# Targets: document_json, markdown_import, photo_metadata, image_ingest, quarter_jpeg. Seeds come from the
# test fixtures (HEIC and AVIF ones made from them by heif-enc, for the libheif path); a crash is saved under src-tauri/fuzz/artifacts/<target>/ and must become a
# regression test. cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP lets the stable toolchain
# build them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
targets=(document_json markdown_import photo_metadata image_ingest quarter_jpeg)
[[ $# -ge 1 ]] && targets=("$1")
seconds="${2:-600}"
seed() {
  local dir="src-tauri/fuzz/corpus/$1"; mkdir -p "$dir"
  case "$1" in
    document_json) printf '%s' '{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"Hi","marks":[{"type":"link","attrs":{"href":"story:01900000-0000-7000-8000-000000000000"}}]}]},{"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"TK"}]},{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph"}]}]}]}' > "$dir/seed.json" ;;
    markdown_import) cp assets/sample/*.txt "$dir/" 2>/dev/null || true
      printf -- '---\ntitle: "Rome"\ntags: [a, b]\n---\n# Head\n\n*em* **strong** [link](https://example.org) <script>x</script>\n\n> quote\n\n1. one\n' > "$dir/front.md" ;;
    photo_metadata|image_ingest|quarter_jpeg) cp tests/fixtures/photos/*.jpg tests/fixtures/photos/*.JPG "$dir/" 2>/dev/null || true
      # HEIC and AVIF (the HEIF path through libheif), made from the fixtures by heif-enc.
      if [[ "$1" != quarter_jpeg ]] && command -v heif-enc >/dev/null; then
        [ -f "$dir/reference.heic" ] || heif-enc -q 30 -o "$dir/reference.heic" tests/fixtures/photos/IPTC-PhotometadataRef-Std2017.1.jpg >/dev/null
        [ -f "$dir/wire.avif" ] || heif-enc -A -q 30 -o "$dir/wire.avif" tests/fixtures/photos/cp.jpg >/dev/null
      fi ;;
  esac
}
failed=()
for t in "${targets[@]}"; do
  seed "$t"
  echo "== fuzzing $t for $seconds s"
  cargo fuzz run --fuzz-dir src-tauri/fuzz "$t" "src-tauri/fuzz/corpus/$t" -- -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=1048576 \
    || failed+=("$t")
done
if ((${#failed[@]})); then
  echo "fuzz: crashes in ${failed[*]} (inputs in src-tauri/fuzz/artifacts/)" >&2
  exit 1
fi
echo "fuzz: no crash in ${targets[*]} ($seconds s each)"
