"""Linking people: one person per name and district, posts tied to organisations."""

from tests.conftest import linked_graph

_graph = linked_graph


def test_a_name_repeated_without_its_post_is_the_same_person() -> None:
    graph = _graph(
        "重庆江北区观音桥街道调解员马建祥化解了很多矛盾。今年11月份,马建祥获得荣誉称号。"
    )
    ids = [n for n, a in graph.nodes(data=True) if a.get("name") == "马建祥"]
    assert len(ids) == 1
    posts = [
        a for _, _, a in graph.out_edges(ids[0], data=True) if a["type"] == "holds_post"
    ]
    assert [p["title"] for p in posts] == ["调解员"]


def test_post_list_in_a_byline_note_gives_organisations_with_places() -> None:
    graph = _graph("标题\n\n任建智\n\n正文。\n\n(作者系开州区委常委、宣传部部长)\n")
    person = next(n for n, a in graph.nodes(data=True) if a.get("name") == "任建智")
    orgs = {
        graph.nodes[t]["name"]: a["title"]
        for _, t, a in graph.out_edges(person, data=True)
        if a["type"] == "holds_post"
    }
    assert orgs == {"开州区委": "常委", "开州区委宣传部": "部长"}
    located = {
        graph.nodes[t]["name"]
        for s, t, a in graph.edges(data=True)
        if a["type"] == "located_in" and graph.nodes[s]["name"] == "开州区委宣传部"
    }
    assert located == {"开州区"}


def test_a_person_is_placed_by_the_most_specific_place_of_the_post() -> None:
    # batch 1: 万宁市…局副局长X, and later ——海南省万宁市…局副局长X: one person in 万宁市
    graph = _graph(
        "不久前,万宁市营商环境建设局副局长王建华和同事们解决了问题。\n"
        "——海南省万宁市营商环境建设局副局长王建华\n"
    )
    ids = [n for n, a in graph.nodes(data=True) if a.get("name") == "王建华"]
    assert ids == ["person:王建华@万宁市"]


def test_post_after_an_organisation_and_its_other_name_in_brackets() -> None:
    # batch 1: 中共山西省委党校（山西行政学院）教授X (党校 is an organisation word)
    graph = _graph(
        "山西省阳高县开展调研。中共山西省委党校（山西行政学院）教授王建华表示，"
    )
    posts = {
        graph.nodes[t]["name"]
        for s, t, a in graph.edges(data=True)
        if a["type"] == "holds_post" and graph.nodes[s]["name"] == "王建华"
    }
    assert posts == {"山西省委党校"}


def _posts(graph, name: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    person = next(n for n, a in graph.nodes(data=True) if a.get("name") == name)
    return {
        a["title"]: graph.nodes[t]["name"]
        for _, t, a in graph.out_edges(person, data=True)
        if a["type"] == "holds_post"
    }


def test_a_bare_head_title_is_in_the_place_of_its_level_before_it() -> None:
    # issue 20: a provincial governor visited with the head of state is the
    # province's, not the city's the article visits; the place before the title first
    graph = _graph(
        "胡锦涛在吉林省委书记赵大明、省长钱立新，辽宁省委书记孙小平陪同下来到沈阳市。"
    )
    assert _posts(graph, "钱立新") == {"省长": "吉林省"}


def test_a_national_body_before_a_title_is_no_place_of_the_article() -> None:
    # issue 20: 中央宣讲团成员, 国家发展改革委主任 speaking in 成都 hold national posts
    graph = _graph("在四川成都，中央宣讲团成员、国家民委主任周立平作了宣讲。")
    assert _posts(graph, "周立平") == {"成员": "中央宣讲团", "主任": "国家民委"}
    graph = _graph("在四川成都，国家主席胡锦涛向联合国前秘书长周立平致电。")
    assert "国家主席胡锦涛向联合国前" not in _posts(graph, "周立平").values()


def test_one_name_with_posts_in_two_places_is_one_person_in_an_article() -> None:
    # 村支书X (in the village) … X当选村党支部书记 (no place before it): one person
    graph = _graph(
        "这是陕西省黄陵县双龙镇索洛湾村，村支书王建华带领村民修路。"
        "2000年，王建华当选村党支部书记，后来又当选为黄陵县人大代表。"
    )
    ids = [n for n, a in graph.nodes(data=True) if a.get("name") == "王建华"]
    assert len(ids) == 1
    assert _posts(graph, "王建华").get("党支部书记") == "索洛湾村党支部"


def test_a_bare_village_party_title_without_a_village_is_no_organisation() -> None:
    graph = _graph("陕西省黄陵县是个山区县。2000年，王建华当选村党支部书记。")
    names = {a.get("name") for _, a in graph.nodes(data=True)}
    assert "村党支部" not in names


def test_a_foreign_head_is_a_post_of_the_state_named_before_the_title() -> None:
    graph = _graph("重庆市梁平区召开会议。当天，法国总统马克佛发表讲话，称赞合作。")
    assert _posts(graph, "马克佛") == {"总统": "法国"}


def test_a_foreign_head_with_no_state_written_has_no_post_in_the_district() -> None:
    graph = _graph("重庆市梁平区召开会议。当天，总统马克佛发表讲话，称赞合作。")
    assert _posts(graph, "马克佛") == {}


def test_an_international_body_before_a_title_is_the_post_organisation() -> None:
    graph = _graph("重庆市梁平区召开会议。联合国秘书长古特雷泽当天发表声明。")
    assert _posts(graph, "古特雷泽") == {"秘书长": "联合国"}
