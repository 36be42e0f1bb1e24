"""Round-9 programme rules (snippets made up)."""

from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.ingest import parse_document


def _found(text: str) -> dict[str, str]:
    doc = parse_document(text, "t")
    return {
        m.name: m.attrs["scope"] for m in extract_programmes(doc, extract_places(doc))
    }


def test_lexicon_name_after_a_launch_verb_wins_over_a_straddle() -> None:
    assert "以工代赈" in _found("今年，该县继续实施以工代赈，带动群众就业。")
    assert "行政审批制度改革" in _found("该市深入推进行政审批制度改革。")


def test_column_title_in_a_book_title_is_no_programme() -> None:
    assert "走基层" not in _found("今天的《走基层-山区邮路的故事》带您去看看。")
