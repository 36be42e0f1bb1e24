"""Derive ``kg/resources/divisions.tsv.gz`` from the published gazetteers.

Inputs (see ``kg/resources/GAZETTEER-SOURCES.md`` for origin and licences):
- ``modood_2023/*.csv``: NBS 2023 division codes, province → town (WTFPL);
- ``jionlp_china_location.txt.gz``: short names of provinces/prefectures/counties
  (Apache-2.0);
- ``chongqing_divisions.csv``: Chongqing villages and communities attached to their
  NBS town (derived from the two above).

Output: one row per division, tab-separated, sorted by id:
``id  name  level  parent  code  short``. ``id`` is the NBS code for levels 1–4 and
``<town code>-<name>`` for villages (no village codes were published with the sources).

Usage: python scripts/build_gazetteer.py ../shared/gazetteer
"""

from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kg" / "resources" / "divisions.tsv.gz"


def county_level(name: str) -> str:
    if name.endswith("区"):
        return "district"
    if name.endswith("市"):
        return "city"
    return "county"  # 县, 自治县, 旗, 自治旗, 林区, 特区


def town_level(name: str) -> str:
    if name.endswith("街道") or name.endswith("街道办事处"):
        return "subdistrict"
    if name.endswith("镇"):
        return "town"
    if name.endswith("乡") or name.endswith("苏木"):
        return "township"
    return "zone"  # 农场, 林场, 经济开发区 … listed by NBS at town level


def village_level(name: str) -> str:
    return "community" if name.endswith("社区") else "village"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def jionlp_short_names(path: Path) -> dict[str, str]:
    """6-digit code → short name (梁平区 → 梁平) for levels 0–2 of the jionlp tree."""
    shorts: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\r\n").strip("\t").split("\t")
            if len(parts) == 3 and parts[1].isdigit():
                shorts.setdefault(parts[1], parts[2])
    return shorts


def main(src: Path) -> None:
    shorts = jionlp_short_names(src / "jionlp_china_location.txt.gz")
    rows: list[tuple[str, str, str, str, str, str]] = []
    modood = src / "modood_2023"
    for r in read_csv(modood / "provinces.csv"):
        code = r["code"]
        rows.append(
            (code, r["name"], "province", "", code, shorts.get(code + "0000", ""))
        )
    municipal_groups = set()
    for r in read_csv(modood / "cities.csv"):
        code = r["code"]
        if r["name"] in (
            "市辖区",
            "县",
            "省直辖县级行政区划",
            "自治区直辖县级行政区划",
        ):
            municipal_groups.add(code)  # NBS groupings, not places
            continue
        short = shorts.get(code + "00", "")
        rows.append((code, r["name"], "prefecture", r["provinceCode"], code, short))
    for r in read_csv(modood / "areas.csv"):
        code, name = r["code"], r["name"]
        if name == "市辖区":
            continue
        parent = (
            r["provinceCode"] if r["cityCode"] in municipal_groups else r["cityCode"]
        )
        short = shorts.get(code, "")
        if short == name or len(short) < 2:
            short = ""
        rows.append((code, name, county_level(name), parent, code, short))
    for r in read_csv(modood / "streets.csv"):
        rows.append(
            (r["code"], r["name"], town_level(r["name"]), r["areaCode"], r["code"], "")
        )
    for r in read_csv(src / "chongqing_divisions.csv"):
        if r["level"] != "5" or not r["town_code"]:
            continue
        name = r["village"]
        rows.append(
            (
                f"{r['town_code']}-{name}",
                name,
                village_level(name),
                r["town_code"],
                "",
                "",
            )
        )
    rows = sorted(set(rows))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = "id\tname\tlevel\tparent\tcode\tshort\n" + "".join(
        "\t".join(row) + "\n" for row in rows
    )
    # mtime=0 keeps the file byte-identical from one run to the next.
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    print(f"wrote {len(rows)} divisions to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/gazetteer"))
