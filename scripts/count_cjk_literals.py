"""Count the string literals holding a Chinese character in kg's extractors and linker.

A literal is a string constant in the code (f-string parts included), not a docstring
and not a comment. Issue 21 measures how much linguistics is left in Python with it:

    python scripts/count_cjk_literals.py            # totals per file
    python scripts/count_cjk_literals.py --list     # every literal, with its line
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

CJK = re.compile("[\u4e00-\u9fff]")
ROOT = Path(__file__).resolve().parent.parent
FILES = [*sorted((ROOT / "kg" / "extract").glob("*.py")), ROOT / "kg" / "link.py"]


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(
            node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
        ):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                found.add(id(body[0].value))
    return found


def literals(path: Path) -> list[tuple[int, str]]:
    """(line, value) of every CJK string literal of ``path``, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    out = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and CJK.search(node.value)
        ):
            out.append((node.lineno, node.value))
    return sorted(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every literal")
    args = parser.parse_args()
    total = excluded = 0
    for path in FILES:
        found = literals(path)
        rel = path.relative_to(ROOT)
        if path.name == "programmes.py":
            excluded += len(found)
        else:
            total += len(found)
        print(f"{len(found):5d}  {rel}")
        if args.list:
            for line, value in found:
                print(f"        {line:5d}  {value!r}")
    print(f"{total:5d}  total (kg/extract/ without programmes.py, and kg/link.py)")
    print(f"{excluded:5d}  kg/extract/programmes.py (issue 19)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
