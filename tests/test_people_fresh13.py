"""Round 13: kinds of person misses recurring on first contacts. Made-up sentences."""

from kg.extract.people import extract_people
from kg.ingest import parse_document


def _people(text: str) -> dict[str, dict]:
    doc = parse_document(text, "t")
    return {m.name: m.attrs for m in extract_people(doc)}


def test_caption_post_space_name_colon() -> None:
    found = _people("道路已经抢通。 某某县副县长 王立平：目前最主要的工作是转移群众。")
    assert [p["title"] for p in found["王立平"]["posts"]] == ["副县长"]
    assert "李晓" in _people("本台记者 李晓：现在是凌晨一点，雪还在下。")


def test_caption_needs_a_sentence_start() -> None:
    assert "王立平" not in _people("他说，副县长 王立平：")
