"""Round-19 programme recall: a quoted name's qualifier and quotation marks kept as
spellings of its fullest name (snippets made up)."""

from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.ingest import parse_document


def _mentions(text: str) -> dict[str, set[str]]:
    doc = parse_document(text, "t")
    return {
        m.name: set(m.attrs.get("aliases", []))
        for m in extract_programmes(doc, extract_places(doc))
    }


def test_a_qualifier_before_the_quote_is_a_spelling_of_the_fullest_name() -> None:
    found = _mentions("某部开展为期两个月的网上“虚假荐股”信息专项整治。")
    # the name keeps the quoted core and its scheme word; the qualified spellings,
    # with and without the marks, are aliases, so either reading is one programme
    assert "虚假荐股信息专项整治" in found
    aliases = found["虚假荐股信息专项整治"]
    assert {"网上虚假荐股信息专项整治", "网上“虚假荐股”信息专项整治"} <= aliases
    assert "虚假荐股" not in found  # no short programme of the quoted core alone


def test_the_spelling_with_its_quotation_marks_is_an_alias() -> None:
    found = _mentions("某县启动“春苗护航”融合宣传行动。")
    assert "“春苗护航”融合宣传行动" in found["春苗护航融合宣传行动"]


def test_a_verb_conjunction_or_owner_before_the_quote_is_no_qualifier() -> None:
    for text, name in [
        ("该市采用“2+5”模式。", "2+5模式"),
        ("某国批准“北湾-3”项目。", "北湾-3项目"),
        ("某县建立线上和线下“综合服务”平台。", "综合服务平台"),
    ]:
        aliases = _mentions(text).get(name, set())
        assert not any(not a.startswith(("“", name[:2])) for a in aliases), aliases
