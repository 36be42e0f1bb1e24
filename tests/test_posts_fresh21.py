"""Round 21: post errors of first contact b20: a title's own organisation decides where
the post is, not the article's district — a committee of the national legislature with
its title (主任委员, 副主任委员: person:titles), a State Council ministry
(link:words.national-ministries), a party of Taiwan (link:words.cross-strait-parties);
and 自治区政府 written short is the region's government named in the text
(link:words.bare-level-words). Made-up sentences."""

from __future__ import annotations

from kg.extract import extract
from kg.ingest import parse_document
from kg.link import link


def _posts(text: str) -> dict[str, set[tuple[str, str]]]:
    doc = parse_document(text, "example.txt")
    graph = link([(doc, extract(doc))])
    names = {e.id: e.name for e in graph.entities.values()}
    out: dict[str, set[tuple[str, str]]] = {}
    for r in graph.relations:
        if r.predicate == "holds_post":
            name = r.subject.split(":", 1)[1].split("@")[0]
            target = names.get(r.object, r.object)
            out.setdefault(name, set()).add((target, str(r.attrs.get("title"))))
    return out


def test_a_national_committee_title_is_held_in_that_committee() -> None:
    posts = _posts(
        "会议在四川成都召开。会议听取了全国人大农业与农村委员会副主任委员王建华"
        "作的报告，全国人大外事委员会主任委员李小梅作了说明。"
    )
    assert posts["王建华"] == {("全国人大农业与农村委员会", "副主任委员")}
    assert posts["李小梅"] == {("全国人大外事委员会", "主任委员")}


def test_a_vice_minister_is_held_in_the_ministry_not_the_district() -> None:
    posts = _posts("会议在四川成都召开。受国务院委托，水利部副部长王建华作了说明。")
    assert posts["王建华"] == {("水利部", "副部长")}


def test_a_department_of_a_local_party_committee_is_no_ministry() -> None:
    posts = _posts("会议在四川成都召开。成都市委宣传部副部长王建华作了说明。")
    assert ("水利部", "副部长") not in posts.get("王建华", set())
    assert all(target != "宣传部" for target, _ in posts.get("王建华", set()))


def test_a_taiwan_party_chair_is_held_in_the_party_not_the_host_city() -> None:
    posts = _posts("论坛在四川成都举行。亲民党副主席王建华在开幕式上致辞。")
    assert posts["王建华"] == {("亲民党", "副主席")}


def test_a_short_regional_government_is_the_region_named_before() -> None:
    posts = _posts(
        "5日，赵刚在广西壮族自治区党委书记李明、自治区政府主席王建华陪同下考察。"
    )
    assert posts["王建华"] == {("广西壮族自治区政府", "主席")}


def test_a_former_party_chair_holds_a_past_post_in_the_party() -> None:
    doc = parse_document(
        "论坛在四川成都举行。新党前主席王建华发来贺电。", "example.txt"
    )
    graph = link([(doc, extract(doc))])
    posts = [r for r in graph.relations if r.predicate == "holds_post"]
    assert [(r.object, r.attrs.get("former")) for r in posts] == [
        ("organization:新党", True)
    ]
