"""Round-14 programme rules (snippets made up)."""

from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.ingest import parse_document


def _found(text: str) -> set[str]:
    doc = parse_document(text, "t")
    return {m.name for m in extract_programmes(doc, extract_places(doc))}


def test_subject_and_verb_before_a_scheme_stay_out_of_its_name() -> None:
    found = _found("去年，高级工程师老周受命乡村道路提升行动，日夜奔波。")
    assert "乡村道路提升行动" in found
    assert not any("受命" in name for name in found)
    found = _found("代表团参观考察城市更新示范工程，听取情况介绍。")
    assert "城市更新示范工程" in found
    assert not any("参观" in name for name in found)


def test_according_to_plan_is_no_programme() -> None:
    assert not _found("几座新桥也都按计划完成验收。")
    assert not _found("车队原本计划前往山区。")


def test_news_column_is_no_programme() -> None:
    assert "新春走基层" not in _found("今天的新春走基层，我们走进一个山村小学。")
    assert "走基层" not in _found("我台走基层记者在山区蹲点采访。")
    assert "走基层、转作风、改文风" in _found("开展“走基层、转作风、改文风”活动。")
