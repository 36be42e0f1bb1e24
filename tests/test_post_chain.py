"""Posts of a title list written after its organisation (某局原党组书记、局长), the
party body of an organisation, an organisation's address, and the sentence's place
of a post with no organisation written (made-up snippets)."""

from kg.extract import extract
from kg.ingest import parse_document
from kg.link import link


def _posts(text: str) -> set[tuple[str, str, str]]:
    doc = parse_document(text, "example.txt")
    graph = link([(doc, extract(doc))])
    names = {e.id: e.name for e in graph.entities.values()}
    return {
        (names[r.subject], str(r.attrs.get("title")), names.get(r.object, r.object))
        for r in graph.relations
        if r.predicate == "holds_post"
    }


def _located(text: str) -> set[tuple[str, str]]:
    doc = parse_document(text, "example.txt")
    graph = link([(doc, extract(doc))])
    names = {e.id: e.name for e in graph.entities.values()}
    return {
        (names[r.subject], names.get(r.object, r.object))
        for r in graph.relations
        if r.predicate == "located_in" and r.subject.startswith("organization:")
    }


def test_former_marker_between_organisation_and_titles() -> None:
    posts = _posts(
        "吉林省长春市举行会议。江西省气象局原党组书记、局长王建华接受宴请问题。"
    )
    assert ("王建华", "党组书记", "江西省气象局党组") in posts
    assert ("王建华", "局长", "江西省气象局") in posts


def test_company_and_its_party_committee() -> None:
    posts = _posts(
        "吉林省长春市举行会议。湖南省湘潭市城建集团原党委副书记、董事长李明收受礼金。"
    )
    assert ("李明", "党委副书记", "湘潭市城建集团党委") in posts
    assert ("李明", "董事长", "湘潭市城建集团") in posts


def test_bank_branch() -> None:
    posts = _posts(
        "吉林省长春市举行会议。工商银行鄂尔多斯分行营业部原党支部书记、副总经理赵丽出国旅游。"
    )
    assert ("赵丽", "副总经理", "工商银行鄂尔多斯分行营业部") in posts


def test_head_of_government_after_committee_title() -> None:
    posts = _posts("吉林省长春市举行会议。河北省委常委、副省长冯志远出席。")
    assert not any(t == "副省长" and o == "河北省委" for _, t, o in posts)


def test_address_before_a_party_branch() -> None:
    located = _located("四川省遂宁市大英县河边镇某某村党支部书记王强说，")
    assert any(
        org.endswith("村党支部") and not org.startswith("大英县") for org, _ in located
    )
    assert ("株洲市城建集团", "株洲市") in _located(
        "湖南省株洲市城建集团董事长王强说，"
    )


def test_place_inside_a_name_is_no_address() -> None:
    posts = _posts(
        "吉林省长春市举行会议。光大银行呼和浩特分行营业部原副总经理赵丽出国旅游。"
    )
    assert ("赵丽", "副总经理", "光大银行呼和浩特分行营业部") in posts


def test_sentence_place_not_first_place() -> None:
    text = "山东省菏泽市举行会议。这两天，定陶区马集镇这家小公司的锅炉安装完毕，负责人王建华请来环保部门验收。"
    assert ("王建华", "负责人", "马集镇") in _posts(text)
    # a place the sentence happens in (在…) is not the post's
    text = "山东省菏泽市举行会议。这两天，在定陶区马集镇，一家小公司的负责人王建华请来环保部门验收。"
    assert ("王建华", "负责人", "马集镇") not in _posts(text)
