"""Build ``models/open_outlets.json`` from openly licensed lists of outlets (run by hand when a list changes).

Sources (files given on the command line, each as ``KIND=PATH``):

- ``news=websources.csv`` — savkov/freebie ``freebie/websources.csv`` (MIT): news outlets, agencies,
  NGOs and international organisations with their web sites; a name's variants are its domain
  (without "www.") and the name without a leading "The";
- ``journals=journal_abbreviations_*.csv`` — JabRef/abbrv.jabref.org ``journals/`` (CC0 1.0): a
  journal's full name with its ISO abbreviation (dotted) and the same without full stops.

    python models/build_open_outlets.py news=websources.csv journals=journal_abbreviations_general.csv …

Entries whose name folds to a key already taken keep the first; ``models/outlets.json`` (the
hand-checked table) always wins over these lists when both are loaded.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from urllib.parse import urlparse

SOURCES = {
    "news": {
        "name": "Freebie: a free database of news resources (websources.csv)",
        "url": "https://github.com/savkov/freebie",
        "commit": "ece4dd58b16ee9abbe83da2a416a376505e165ca",
        "licence": "MIT",
        "notice": "Copyright (c) 2017 Sasho Savkov. Permission is hereby granted, free of charge, to any person "
                  "obtaining a copy of this software and associated documentation files (the \"Software\"), to deal "
                  "in the Software without restriction, including without limitation the rights to use, copy, modify, "
                  "merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons "
                  "to whom the Software is furnished to do so, subject to the following conditions: The above "
                  "copyright notice and this permission notice shall be included in all copies or substantial "
                  "portions of the Software. THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, "
                  "EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A "
                  "PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE "
                  "LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR "
                  "OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS "
                  "IN THE SOFTWARE.",
    },
    "journals": {
        "name": "JabRef journal abbreviation lists (general, aea, sociology, ieee)",
        "url": "https://github.com/JabRef/abbrv.jabref.org",
        "commit": "a6879a86014356ced6b1b705f5ee24eb1d173950",
        "licence": "CC0-1.0",
        "notice": "Dedicated to the public domain under CC0 1.0 Universal.",
    },
}


def news_entries(path: Path) -> list[dict]:
    entries = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = " ".join(row["name"].split())
            domain = urlparse(row["url"]).netloc.lower().removeprefix("www.")
            variants = [v for v in (domain, name.removeprefix("The ")) if v and v != name]
            if name:
                entries.append({"canonical": name, "variants": variants, "source": "news"})
    return entries


def journal_entries(path: Path) -> list[dict]:
    entries = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            if len(row) < 2 or not row[0].strip():
                continue
            name, abbreviation = " ".join(row[0].split()), " ".join(row[1].split())
            variants = [v for v in dict.fromkeys((abbreviation, abbreviation.replace(".", ""))) if v and v != name]
            entries.append({"canonical": name, "variants": variants, "source": "journals"})
    return entries


def main(argv: list[str]) -> None:
    readers = {"news": news_entries, "journals": journal_entries}
    entries, used = [], set()
    for arg in argv:
        kind, _, path = arg.partition("=")
        for entry in readers[kind](Path(path)):
            if entry["canonical"].casefold() not in used:
                used.add(entry["canonical"].casefold())
                entries.append(entry)
    kinds = sorted({e["source"] for e in entries})
    data = {"sources": {k: SOURCES[k] for k in kinds}, "outlets": entries}
    out = Path(__file__).with_name("open_outlets.json")
    lines = ",\n".join(json.dumps(e, ensure_ascii=False) for e in entries)
    head = json.dumps(data["sources"], ensure_ascii=False, indent=1)
    out.write_text(f'{{"sources": {head},\n"outlets": [\n{lines}\n]}}\n', encoding="utf-8")
    print(f"{out}: {len(entries)} outlets from {', '.join(kinds)}")


if __name__ == "__main__":
    main(sys.argv[1:])
