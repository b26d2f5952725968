#!/usr/bin/env python3
"""Writes the gazetteer's peoples (`assets/gazetteer/demonyms.txt`): the English names of each
country's people ("Emirati", "Motswana", "Kittitian"), with their plurals, from the
`world-countries` package on npm. Hunspell's English dictionaries lack dozens of them, and
world news writes them daily.

    npm pack world-countries@5.1.0 && tar xzf world-countries-5.1.0.tgz
    python3 scripts/demonyms.py package/countries.json
"""
import json
import pathlib
import re
import sys

countries = json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
words = set()
for country in countries:
    english = country.get("demonyms", {}).get("eng", {})
    for name in {english.get("m", ""), english.get("f", "")}:
        # "Antiguan, Barbudan" names two peoples; "Turks and Caicos Islander" is words of one.
        for word in re.split(r"[,\s]+", name):
            if not word[:1].isupper():
                continue
            words.add(word)
            # The people in the plural: Emiratis, Afghans; not Swiss, British, Chinese.
            if not re.search(r"(s|sh|ch|ese|x|z)$", word):
                words.add(word + "s")
path = pathlib.Path(__file__).resolve().parent.parent / "assets" / "gazetteer" / "demonyms.txt"
path.write_text("".join(w + "\n" for w in sorted(words)), encoding="utf-8")
print(f"{path.name}: {len(words)} words from {len(countries)} countries")
