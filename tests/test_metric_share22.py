"""Round 22: a share written 占到了/占到/占了, or with an adverb before 占, has the
subject the annotators write, owner占whole (metric:subject.share-of). Made-up
snippets, none from a gold text."""

from kg.extract.metrics import extract_metrics
from kg.ingest import parse_document


def _subject(text: str, figure: str) -> str | None:
    doc = parse_document(text, "t")
    found = [m for m in extract_metrics(doc) if m.name == figure]
    assert found, figure
    return found[0].attrs.get("subject")


def test_zhan_dao_le_is_zhan() -> None:
    text = "全县研发经费支出占到了地区生产总值的2.5%。"
    assert _subject(text, "2.5%") == "研发经费支出占地区生产总值"


def test_an_adverb_before_zhan_is_no_part_of_the_owner() -> None:
    text = "全县粗钢产能曾经占全省的一半。"
    assert _subject(text, "一半") == "粗钢产能占全省"


def test_a_noun_ending_like_an_adverb_keeps_its_end() -> None:
    # 产能 ends with 能, which is no adverb here: the owner stays whole
    text = "全市钢铁产能占到了全省的30%。"
    assert _subject(text, "30%") == "钢铁产能占全省"
