"""National posts read after a leader's name: 委员长 written after it, 任命…为 a post."""

from kg.extract.people import extract_people
from kg.ingest import parse_document


def _posts(text: str, name: str) -> list[tuple[object, object]]:
    doc = parse_document(text, "t.txt")
    for mention in extract_people(doc):
        if mention.name == name:
            posts = mention.attrs.get("posts") or []
            return [(p["title"], p["org"]) for p in posts]  # type: ignore[union-attr]
    return []


def test_title_after_leader_name() -> None:
    assert _posts("上午，杨晓渡委员长主持召开会议。", "杨晓渡") == [
        ("委员长", "全国人大常委会")
    ]
    assert _posts("上午，杨晓渡主持召开委员长会议。", "杨晓渡") == []


def test_appointed_as() -> None:
    assert _posts("会议表决，任命王毅为外交部部长。", "王毅") == [("部长", "外交部")]
    assert _posts("会议表决，请王毅为外交部部长作说明以后，", "王毅") == []
