#!/usr/bin/env bash
# Writes the English dictionaries' extra word lists (assets/dictionaries/en-*/en-*.words): the
# words SCOWL's size-50 lists spell (Debian's wamerican and wbritish, variants included) that the
# bundled Hunspell dictionary lacks, such as "protestors", "militaries", "pigmy" or "Bogotá".
# Hunspell's en-US leaves SCOWL's variant spellings out; the copy desk accepts them, since news
# copy writes them. Needs apt-get and hunspell; run it when a bundled dictionary changes.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download -q wamerican wbritish >/dev/null 2>&1)
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/x"; done
for pair in "en-US american-english wamerican" "en-GB british-english wbritish"; do
  read -r tag list package <<<"$pair"
  version="$(dpkg-deb -f "$work"/"${package}"_*.deb Version)"
  out="assets/dictionaries/$tag/$tag.words"
  # SCOWL's copyright file: the dictionary's own COPYING when it is the same, else beside it.
  licence=COPYING
  if ! cmp -s "$work/x/usr/share/doc/$package/copyright" "assets/dictionaries/$tag/COPYING"; then
    licence=COPYING.words
    cp "$work/x/usr/share/doc/$package/copyright" "assets/dictionaries/$tag/$licence"
  fi
  {
    echo "# Words SCOWL spells that the $tag Hunspell dictionary lacks (variants, plurals, names)."
    echo "# From Debian's $package $version (SCOWL, Kevin Atkinson; licence in $licence beside this file),"
    echo "# made by scripts/dictionary-words.sh. One word per line."
    # Possessives are the dictionary's own business ("Bogotá's" follows from "Bogotá").
    hunspell -d "assets/dictionaries/$tag/$tag" -l <"$work/x/usr/share/dict/$list" | grep -v "'s$" | LC_ALL=C sort -u
  } >"$out"
  echo "$out: $(grep -vc '^#' "$out") words"
done
