"""Derive ``kg/resources/villages.tsv.gz``: each county's villages and communities by
town, from the NBS 2023 village-level table (modood's ``villages.csv``, WTFPL; the npm
package ``china-division`` 2.7.0 ships it as ``dist/villages.csv``).

A village is kept as its stem, the name without its committee and level words
(园艺村委会, 园艺村民委员会, 园艺村村委会 → 园艺; 方舟社区居委会 → 方舟): texts write 园艺村,
方舟社区. One line per county: ``county<TAB>town:stem|stem…<TAB>town:…``, ``town`` the
last three digits of the town's code. kg looks a village up only by its county, to
find the town of a village the text names after its county (崇明区园艺村 → 港沿镇).

Usage: python scripts/build_villages.py path/to/villages.csv
"""

from __future__ import annotations

import csv
import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kg" / "resources" / "villages.tsv.gz"

# committee words, then the level word before them
_COMMITTEE = re.compile("(?:村民委员会|村委会|居民委员会|居委会|委员会|村委|居委)$")
_LEVEL = re.compile("(?:社区|村|嘎查)$")


def stem(name: str) -> str:
    """园艺村委会 → 园艺, 方舟社区居委会 → 方舟, 巴彦嘎查委员会 → 巴彦.

    >>> stem("园艺村村委会"), stem("方舟社区居委会"), stem("园艺村")
    ('园艺', '方舟', '园艺')
    """
    return _LEVEL.sub("", _COMMITTEE.sub("", name.strip()))


def main(src: Path) -> None:
    towns: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    with src.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            s = stem(row["name"])
            if len(s) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", s):
                continue
            street = row["streetCode"]
            town = towns[street[:6]][street[6:]]
            if s not in town:
                town.append(s)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        for county in sorted(towns):
            parts = [f"{t}:{'|'.join(v)}" for t, v in sorted(towns[county].items())]
            out.write(county + "\t" + "\t".join(parts) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
