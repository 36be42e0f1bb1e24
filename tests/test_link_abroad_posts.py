"""Posts abroad and of institutions (round 11): link:words.foreign-states,
link:pattern.state-title-joint, link:words.state-title-prefixes,
link:words.state-former-marks, link:words.international-bodies,
link:words.post-org-suffixes. Made-up snippets."""

from kg.extract import extract
from kg.ingest import parse_document
from kg.link import link


def _posts(text: str) -> dict[str, tuple[str, str, bool]]:
    doc = parse_document(text, "example.txt")
    graph = link([(doc, extract(doc))])
    return {
        r.subject.split(":", 1)[1].split("@")[0]: (
            r.object,
            str(r.attrs.get("title")),
            bool(r.attrs.get("former")),
        )
        for r in graph.relations
        if r.predicate == "holds_post"
    }


LEAD = "重庆市梁平区召开会议。"


def test_state_jieba_reads_as_a_name() -> None:
    posts = _posts(LEAD + "吉尔吉斯斯坦总统托尔坎、塔吉克斯坦总理米尔扎当天发表讲话。")
    assert posts["托尔坎"] == ("organization:吉尔吉斯斯坦", "总统", False)
    assert posts["米尔扎"] == ("organization:塔吉克斯坦", "总理", False)


def test_title_word_between_state_and_title() -> None:
    posts = _posts(LEAD + "越南国家主席阮文明、韩国代总统崔明当天发表讲话。")
    assert posts["阮文明"] == ("organization:越南", "国家主席", False)
    assert posts["崔明"] == ("organization:韩国", "代总统", False)


def test_former_post_abroad() -> None:
    posts = _posts(LEAD + "智利前总统卡洛斯当天发表讲话。")
    assert posts["卡洛斯"] == ("organization:智利", "总统", True)


def test_no_state_no_foreign_post() -> None:
    posts = _posts(LEAD + "总统托尔坎当天发表讲话。")
    assert not posts.get("托尔坎", ("",))[0].startswith("organization:")
    posts = _posts(LEAD + "韩国的总统崔明当天发表讲话。")
    assert posts.get("崔明", ("",))[0] != "organization:韩国"


def test_international_body_holding_a_place_name() -> None:
    posts = _posts("上海市召开会议。上海合作组织秘书长冯志远当天发表声明。")
    assert posts["冯志远"][0] == "organization:上海合作组织"


def test_institution_before_title() -> None:
    posts = _posts(LEAD + "梁平区人民医院院长王建华说，医院运转正常。")
    assert posts["王建华"][0] == "organization:梁平区人民医院"
    posts = _posts(LEAD + "梁平区公安局双桂派出所所长王建华说，辖区平安。")
    assert posts["王建华"][0] == "organization:梁平区公安局双桂派出所"


def test_national_bodies_in_no_place() -> None:
    posts = _posts(
        "湖北省武汉市召开座谈会。座谈会上，民盟中央主席王英、九三学社中央主席李明发言。"
    )
    assert posts["王英"][0] == "organization:民盟中央"
    assert posts["李明"][0] == "organization:九三学社中央"
    posts = _posts("湖北省武汉市召开会议。中国证监会副主席王英表示，市场平稳。")
    assert posts["王英"][0] == "organization:中国证监会"


def test_national_body_party_unit_and_next_title() -> None:
    doc = parse_document(
        "辽宁省辽阳市召开会议。中国民用航空局原党组成员、副局长王英受到处分。",
        "example.txt",
    )
    graph = link([(doc, extract(doc))])
    targets = {
        (r.object, r.attrs.get("title"))
        for r in graph.relations
        if r.predicate == "holds_post"
    }
    assert ("organization:中国民用航空局党组", "党组成员") in targets
    assert ("organization:中国民用航空局", "副局长") in targets
