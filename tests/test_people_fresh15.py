"""Round 15: kinds of person and post errors recurring on first contacts (b5–b14).
Made-up sentences."""

from kg.extract.people import extract_people
from kg.ingest import parse_document


def _people(text: str) -> dict[str, dict]:
    doc = parse_document(text, "t")
    return {m.name: m.attrs for m in extract_people(doc)}


def _titles(found: dict[str, dict], name: str) -> list[str]:
    return [p["title"] for p in found[name]["posts"]]


def test_deputy_keeps_its_mark() -> None:
    found = _people("某某镇水利站副站长孙建国和林业所原副所长钱海平都被处分。")
    assert _titles(found, "孙建国") == ["副站长"]
    assert _titles(found, "钱海平") == ["副所长"]
    assert found["钱海平"]["posts"][0]["former"] is True


def test_head_title_stays_without_mark() -> None:
    found = _people("水利站站长孙建国说，名副其实的好站长不多。")
    assert _titles(found, "孙建国") == ["站长"]


def test_national_titles_keep_their_body() -> None:
    found = _people("中共中央政治局常委、中央书记处书记王沪宁出席会议。")
    assert _titles(found, "王沪宁") == ["政治局常委", "书记处书记"]
    found = _people("中共中央政治局委员、天津市委书记陈敏尔陪同。")
    assert _titles(found, "陈敏尔")[0] == "政治局委员"
