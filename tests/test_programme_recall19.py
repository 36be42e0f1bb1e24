"""Round-19 programme recall: a quoted name's qualifier and quotation marks kept as
spellings of its fullest name, and counted packages of measures (snippets made up)."""

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


def test_a_counted_package_of_measures_is_a_programme() -> None:
    assert "15条措施" in _mentions("某省出台了15条措施，支持外贸企业。")
    # the topic before the count joins the name; the count alone is an alias
    found = _mentions("各地落实防控二十条措施不走样。")
    assert found.get("防控二十条措施") == {"二十条措施"}


def test_few_measures_an_article_or_a_plan_s_tasks_are_no_package() -> None:
    for text in [
        "会议提出三条措施。",
        "依照第十二条措施办理。",
        "某省出台数十条举措。",
        "方案从八个方面提出20条具体措施。",
        "该方案共包括40条政策措施。",
    ]:
        assert not any("措施" in n or "举措" in n for n in _mentions(text)), text
