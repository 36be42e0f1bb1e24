"""Find names from the gold documents written into kg's code, rules, word lists and tests.

House rule: never a string from a gold document baked into a rule, an example or a
test. This scan collects the person names (every kind) of the development gold — the
seeds (tests/gold/*.json), the held-out set (tests/gold/heldout/) and the blind batches
listed in ``BLIND_BATCHES`` — and, with ``--programmes``, the names and aliases of the
programmes of scope ``local``; then it prints every line of kg/ and tests/ (tests/gold/
left out, as are the seed texts kg/seeds/ and their snapshots tests/golden/) that holds
one of them:

    python scripts/scan_gold_strings.py                # every occurrence, file:line
    python scripts/scan_gold_strings.py --programmes   # local programme names as well
    python scripts/scan_gold_strings.py --summary      # counts per file only
    python scripts/scan_gold_strings.py --all          # with the kept ones (KEPT)

Each hit says the name's kind (official, other, author, national_leader, historical …).
Names of national leaders and historical figures may stay where a word list holds them
as data (a leaders list); everywhere else (a rule example, a comment, a docstring, a
test snippet) a hit is to be replaced by a made-up name of the same shape; ``KEPT``
lists the occurrences reviewed and kept, with the reason. Check a
made-up name with ``--check NAME …`` (exit 1 when one of them is a gold string).

The blind batches are listed one by one on purpose: the newest batch is the next first
contact and must not be read; add a batch here only once it has been opened.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
# Opened blind batches only (1 … 22); never a glob over tests/gold/blind.
BLIND_BATCHES = [f"batch{n}" for n in range(1, 23)]
# Where kg keeps its code, rules and word lists, and its tests.
SCAN_DIRS = [ROOT / "kg", ROOT / "tests"]
# Left out: the gold itself, the seed texts shipped in the package (the documents the
# seed gold is made from) and the seeds' expected outputs (graph.json snapshots of them).
SCAN_SKIP = [GOLD, ROOT / "kg" / "seeds", ROOT / "tests" / "golden"]
SCAN_SUFFIXES = set(".py .toml .txt .md .json .tsv .csv .yaml .yml".split())
# Kinds whose names may stay as data in a word list (not in an example sentence).
DATA_KINDS = {"national_leader", "historical"}
# Occurrences reviewed and kept, by file and name ("*": any name): data that a rule
# needs, not an example. Shown with --all; everything else is to be replaced.
KEPT: dict[tuple[str, str], str] = {
    ("kg/resources/national_leaders.txt", "*"): "the leaders list itself (data)",
    ("kg/rules/programme/lexicon-read.txt", "*"): "mined programme phrases (data)",
    ("kg/rules/programme/lexicon-rejected.txt", "*"): "mined programme phrases (data)",
    ("kg/rules/programme/lexicon.tsv", "*"): "a national programme's name (data)",
    ("kg/rules/programme/README.md", "习近平"): "a national programme's name",
    (
        "kg/rules/person/posts.toml",
        "习近平",
    ): "leader-chair table: who chairs what (data)",
    (
        "kg/rules/person/posts.toml",
        "王沪宁",
    ): "leader-chair table: who chairs what (data)",
    (
        "kg/rules/person/posts.toml",
        "俞正声",
    ): "leader-chair table: who chairs what (data)",
    ("kg/resources/historical_figures.txt", "*"): "the figures list itself (data)",
    ("kg/rules/person/names.toml", "达娃"): "Tibetan name parts list (data)",
    ("kg/rules/person/names.toml", "卓玛"): "Tibetan name parts list (data)",
    ("kg/rules/person/names.toml", "洛松"): "Tibetan name parts list (data)",
    (
        "kg/rules/person/posts.toml",
        "汪洋",
    ): "the idiom rule needs this leader (一片汪洋)",
    (
        "tests/extract/test_people.py",
        "汪洋",
    ): "the idiom rule needs this leader (一片汪洋)",
    ("kg/extract/people.py", "汪洋"): "the idiom rule needs this leader (一片汪洋)",
    (
        "kg/rules/place/zones.toml",
        "张德江",
    ): "a listed leader ending in 江; none but the gold's",
}


def kept(path: Path, name: str) -> str | None:
    """Why an occurrence is kept, or None when it is to be replaced."""
    rel = str(path.relative_to(ROOT))
    return KEPT.get((rel, name)) or KEPT.get((rel, "*"))


def gold_files() -> list[Path]:
    """The gold JSON files of seeds, held-out and the opened blind batches."""
    files = sorted(GOLD.glob("*.json")) + sorted((GOLD / "heldout").glob("*.json"))
    for batch in BLIND_BATCHES:
        files += sorted((GOLD / "blind" / batch).glob("*.json"))
    return [f for f in files if f.name != "floor.json"]


def gold_strings(programmes: bool) -> dict[str, set[str]]:
    """Name → the kinds it has in the gold ("programme" for a local programme)."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for path in gold_files():
        doc = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(doc, dict) or "doc" not in doc:
            continue
        for person in doc.get("people", []):
            kinds[person["name"]].add(person.get("kind") or "?")
        if programmes:
            for prog in doc.get("programmes", []):
                if prog.get("scope") == "local":
                    for name in [prog["name"], *prog.get("aliases", [])]:
                        kinds[name].add("programme")
    return kinds


def scanned_files() -> list[Path]:
    """Text files of kg/ and tests/, tests/gold/ left out."""
    out = []
    for top in SCAN_DIRS:
        for path in sorted(top.rglob("*")):
            if not path.is_file() or path.suffix not in SCAN_SUFFIXES:
                continue
            if any(path.is_relative_to(skip) for skip in SCAN_SKIP):
                continue
            if "__pycache__" in path.parts:
                continue
            out.append(path)
    return out


def scan(names: dict[str, set[str]]) -> list[tuple[Path, int, str, str]]:
    """(file, line number, name, line) of every occurrence, longest name first per line."""
    # Longest first, so that a two-character name inside a longer one is not counted twice.
    ordered = sorted(names, key=lambda n: (-len(n), n))
    hits = []
    for path in scanned_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            rest = line
            for name in ordered:
                if name and name in rest:
                    hits.append((path, number, name, line.strip()))
                    rest = rest.replace(name, "\0")
    return hits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--programmes", action="store_true", help="local programme names as well"
    )
    parser.add_argument("--summary", action="store_true", help="counts per file only")
    parser.add_argument(
        "--all", action="store_true", help="the kept occurrences (KEPT) as well"
    )
    parser.add_argument(
        "--check", nargs="+", metavar="NAME", help="is one of these a gold string?"
    )
    args = parser.parse_args()
    names = gold_strings(args.programmes)
    if args.check:
        found = [n for n in args.check if n in names]
        for name in found:
            print(f"{name}: in the gold ({', '.join(sorted(names[name]))})")
        return 1 if found else 0
    found_all = scan(names)
    hits = [h for h in found_all if args.all or not kept(h[0], h[2])]
    per_file = Counter(str(path.relative_to(ROOT)) for path, *_ in hits)
    if not args.summary:
        for path, number, name, line in hits:
            kind = ",".join(sorted(names[name]))
            why = kept(path, name)
            note = f" (kept: {why})" if why else ""
            print(
                f"{path.relative_to(ROOT)}:{number}: {name} [{kind}]{note}  {line[:80]}"
            )
    else:
        for path, count in sorted(per_file.items()):
            print(f"{count:4d}  {path}")
    data = sum(1 for _, _, name, _ in hits if names[name] <= DATA_KINDS)
    print(
        f"{len(hits)} occurrences of {len({h[2] for h in hits})} gold names in "
        f"{len(per_file)} files ({data} of leaders/historical figures only; "
        f"{len(found_all) - len(hits)} more kept, see --all); "
        f"{len(names)} gold strings from {len(gold_files())} gold files",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
