"""Round-12 named works: a function character inside a word (snippets made up)."""

from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.ingest import parse_document


def _names(text: str) -> set[str]:
    doc = parse_document(text, "t")
    return {m.name for m in extract_programmes(doc, extract_places(doc))}


def test_function_character_inside_a_word_is_no_left_edge() -> None:
    # 等 of 高等级 is no edge: the name runs back to the route's two places
    assert "昆明至大理高等级公路二期工程" in _names(
        "昆明至大理高等级公路二期工程今年通车。"
    )
    assert "成都至雅安高等级公路项目" in _names("今年，成都至雅安高等级公路项目开工。")


def test_function_character_as_a_word_still_cuts() -> None:
    names = _names("加快昆明的大理公路项目建设。")
    assert "昆明的大理公路项目" not in names
    assert not any(n.startswith("级") for n in _names("加快高等级公路二期工程建设。"))
