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


def test_quoted_four_part_formula_of_a_method() -> None:
    found = _found("村里探索“支部引领、公司经营、农户入股、统一销售”的发展路子。")
    assert "支部引领、公司经营、农户入股、统一销售" in found
    assert not _found("要建立一个“党员带头、能人领办、群众参与、长效保持”的治理机制。")
    assert not _found("坚持“不求最好、但求更好、不求最快、但求更稳”的工作机制。")


def test_honour_before_chuangjian_is_a_creation_drive() -> None:
    assert (
        _found("该区扎实推进全国文明城区创建工作。").get("全国文明城区创建")
        == "national"
    )
    assert not any("率先" in n for n in _found("该区在全国率先启动节水型区创建。"))
