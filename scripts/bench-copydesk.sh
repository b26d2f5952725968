#!/usr/bin/env bash
# Benchmark: the copy desk on the load test's 20,000-word story.
#  1. `byline check STORY --no-suggestions` as a whole process (library open and dictionary load
#     included) against `hunspell -d en_US -l` as a whole process over the same text, runs taken
#     in turn; prints the medians and the ratio (goal <= 0.5x). Twice: as a library checks a story
#     it checked before (the grammar's memo of each paragraph kept), and cold (the memo deleted
#     before each run, so Harper loads and reads all 20,000 words).
#  2. `cargo bench -p byline-core --bench copy_desk`: re-checking one edited paragraph (its own
#     rules and the story-wide ones) against the whole-story check, in one run (goal <= 2%).
# Installs Hunspell and its en_US dictionary if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
need=()
for p in hunspell hunspell-en-us; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if ((${#need[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}"
fi
if ! hunspell -v 2>/dev/null | head -n 1 | grep -q "Hunspell"; then
  echo "bench-copydesk: \`hunspell\` is not Hunspell ($(hunspell -v 2>&1 | head -n 1))" >&2
  exit 1
fi
echo "peer: $(hunspell -v | head -n 1)"
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --release -q -p byline
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bash scripts/bench-story.sh "$work/story.md"
export BYLINE_LIBRARY="$work/lib"
id="$(target/release/byline import "$work/story.md" | tail -n 1)"
target/release/byline check "$id" --no-suggestions >/dev/null || true   # the library's first open
python3 - "$id" "$work/story.md" "$BYLINE_LIBRARY/library.sqlite" <<'PY'
import sqlite3, statistics, subprocess, sys, time
story, text, db = sys.argv[1], sys.argv[2], sys.argv[3]
def run(cmd, stdin=None):
    start = time.perf_counter()
    subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
ours, peer = [], []
for _ in range(7):
    ours.append(run(["target/release/byline", "check", story, "--no-suggestions"]))
    with open(text, "rb") as f:
        peer.append(run(["hunspell", "-d", "en_US", "-l"], stdin=f))
o, p = statistics.median(ours), statistics.median(peer)
print(f"whole story, 20,000 words, checked before: byline check {o*1000:.0f} ms, hunspell -l {p*1000:.0f} ms, ratio {o/p:.2f}x (goal <= 0.5x)")
cold = []
for _ in range(3):
    with sqlite3.connect(db) as c:
        c.execute("DELETE FROM grammar_memo")
    cold.append(run(["target/release/byline", "check", story, "--no-suggestions"]))
c = statistics.median(cold)
print(f"whole story, 20,000 words, never checked (grammar reads it all): byline check {c*1000:.0f} ms, ratio {c/p:.2f}x against hunspell -l")
PY
BYLINE_BENCH_STORY="$work/story.md" cargo bench -q -p byline-core --bench copy_desk
