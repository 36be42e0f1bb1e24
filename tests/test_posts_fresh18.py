"""Round 18: post errors of the first contacts (b11, b17): a deputy's seat gives a post
(person:words.deputy-posts), a foreign state's organ holds its officials' posts
(link:words.foreign-organs), 国家主席 is a post of the state
(person:words.national-posts). Made-up sentences."""

from __future__ import annotations

from kg.extract import extract
from kg.extract.people import extract_people
from kg.ingest import parse_document
from kg.link import link

LEAD = "重庆市梁平区召开会议。"


def _titles(text: str, name: str) -> list[str]:
    doc = parse_document(text, "t")
    found = {m.name: m.attrs for m in extract_people(doc)}
    return [str(p["title"]) for p in found[name]["posts"]]


def _posts(text: str) -> dict[str, set[tuple[str, str]]]:
    doc = parse_document(text, "example.txt")
    graph = link([(doc, extract(doc))])
    out: dict[str, set[tuple[str, str]]] = {}
    for r in graph.relations:
        if r.predicate == "holds_post":
            name = r.subject.split(":", 1)[1].split("@")[0]
            out.setdefault(name, set()).add((r.object, str(r.attrs.get("title"))))
    return out


def test_a_deputys_seat_before_a_name_is_a_post() -> None:
    assert _titles("全国人大代表李平安说，我们很高兴。", "李平安") == ["全国人大代表"]
    text = "十四届全国人大代表 李平安：“我们很高兴。”"
    assert _titles(text, "李平安") == ["全国人大代表"]


def test_a_seat_opening_a_title_list_is_a_post_too() -> None:
    titles = _titles("二十大代表、某某村党支部书记李平安说，我们很高兴。", "李平安")
    assert titles == ["党支部书记", "二十大代表"]


def test_a_seat_of_another_person_or_a_list_is_not_a_post() -> None:
    assert "全国人大代表" not in _titles(
        "全国人大代表王建国、李平安说，我们很高兴。", "李平安"
    )
    assert _titles("驻队党代表李平安说，我们很高兴。", "李平安") == ["驻队党代表"]


def test_a_foreign_organ_holds_the_post_with_its_state() -> None:
    posts = _posts(LEAD + "秘鲁国会主席卡洛斯、波黑主席团轮值主席米兰当天发表讲话。")
    assert ("organization:秘鲁国会", "主席") in posts["卡洛斯"]
    assert ("organization:波黑主席团", "轮值主席") in posts["米兰"]


def test_an_organ_whose_state_is_not_written_is_no_foreign_organ() -> None:
    posts = _posts(LEAD + "国会主席卡洛斯当天发表讲话。")
    assert all(
        not target.endswith("秘鲁国会") for target, _ in posts.get("卡洛斯", set())
    )


def test_the_head_of_state_title_is_linked() -> None:
    posts = _posts(LEAD + "国家主席胡锦涛当天致电祝贺。")
    assert any(title == "国家主席" for _, title in posts["胡锦涛"])


def test_chair_after_a_leaders_name_is_the_body_that_leader_chairs() -> None:
    assert _titles("外国领导人致电胡锦涛主席表示慰问。", "胡锦涛") == ["国家主席"]
    assert _titles("胡锦涛副主席出席。", "胡锦涛") == []
