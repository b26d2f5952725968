#!/usr/bin/env python3
"""Writes the gazetteer's provinces, states and other subdivisions (`assets/gazetteer/regions.txt`)
from ISO 3166-2 as Debian's `iso-codes` package carries it. Copy names a province (Balochistan,
Gauteng, Helmand) as often as a town, and GeoNames' list of towns does not hold them.

    apt-get download iso-codes && dpkg-deb -x iso-codes_*.deb /tmp/iso-codes
    python3 scripts/regions.py /tmp/iso-codes/usr/share/iso-codes/json/iso_3166-2.json

ISO writes some names with a qualifier or a second name: "Murcia, Región de", "Catalunya
[Cataluña]", "Ilocos (Region I)", "Elgeyo/Marakwet". Each becomes the names copy would use
("Murcia"; "Catalunya" and "Cataluña"; "Ilocos"; "Elgeyo" and "Marakwet"). A name with letters
English copy leaves out ("Kandahār") is also kept without them ("Kandahar").
"""
import json
import pathlib
import re
import sys
import unicodedata


def names(iso_name):
    """The names copy would write for one ISO 3166-2 entry."""
    found = []
    for alternative in re.findall(r"\[([^\]]*)\]", iso_name):
        # Drop codes kept inside the brackets ("Wales [Cymru GB-CYM]").
        found.append(" ".join(w for w in alternative.split() if not re.search(r"[A-Z]{2}-", w)))
    # ISO's footnote marks ("Alacant*", "Aerodrom †") are not part of the name.
    main = re.sub(r"\[[^\]]*\]|\([^)]*\)|[*†]", "", iso_name).split(",")[0]
    found.extend(main.split("/"))
    out = []
    for name in found:
        name = " ".join(name.split())
        if not name:
            continue
        out.append(name)
        bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        if bare != name:
            out.append(bare)
    return out


entries = json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))["3166-2"]
regions = sorted({n for entry in entries for n in names(entry["name"])})
path = pathlib.Path(__file__).resolve().parent.parent / "assets" / "gazetteer" / "regions.txt"
path.write_text("".join(n + "\n" for n in regions), encoding="utf-8")
print(f"{path.name}: {len(regions)} names from {len(entries)} subdivisions")
