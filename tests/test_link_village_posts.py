"""Village-level posts with no organisation written (round 25: link:village-post,
link:words.village-titles, link:words.village-title-heads, link:words.village-levels):
the post is in the village named with it, never the county. Made-up snippets."""

from kg.extract import extract
from kg.ingest import parse_document
from kg.link import link


def _posts(text: str) -> set[tuple[str, str, str]]:
    doc = parse_document(text, "example.txt")
    graph = link([(doc, extract(doc))])
    return {
        (r.subject.split(":", 1)[1].split("@")[0], r.object, str(r.attrs.get("title")))
        for r in graph.relations
        if r.predicate == "holds_post"
    }


def _places(posts: set[tuple[str, str, str]], name: str) -> set[str]:
    return {target for person, target, _ in posts if person == name}


def test_village_named_earlier_in_the_paragraph() -> None:
    # 第一书记 and 驻村干部 in a sentence after the one naming the village
    posts = _posts(
        "四川省平昌县发展产业。\n\n位于平昌县青山村，是最偏远的村庄之一。"
        "这几天，村干部们商量着。让第一书记李建国和驻村干部扎西想不到的是，村民都同意了。"
    )
    assert _places(posts, "李建国") == {"place:青山村@511923123"}
    assert _places(posts, "扎西") == {"place:青山村@511923123"}


def test_village_written_with_de_before_the_title() -> None:
    # 某村的村支书某某: the village, though 的 stands between it and the title
    posts = _posts(
        "河南省兰考县脱贫。\n\n他第一个来到了兰考县青山村。"
        "他经常找到青山村的村支书王建华商量出路。"
    )
    assert _places(posts, "王建华") == {"place:青山村@410225"}


def test_title_after_a_word_sending_it_to_a_village() -> None:
    # 驻村工作队长: 队长 alone is no village title; after 驻村工作 it is
    posts = _posts(
        "陕西省黄陵县双龙镇索洛湾村是个小山村。驻村工作队长王建华和村干部商量着办法。"
    )
    assert ("王建华", "place:索洛湾村@610632105", "队长") in posts


def test_no_village_named_keeps_the_county() -> None:
    posts = _posts("陕西省黄陵县双龙镇是个小镇。第一书记王建华和村干部商量着办法。")
    assert not any("村" in target for _, target, _ in posts)


def test_other_titles_stay_where_they_were() -> None:
    # a county post in a village story is no village post
    posts = _posts(
        "陕西省黄陵县双龙镇索洛湾村是个小山村。副县长王建华和村干部商量着办法。"
    )
    assert not any("索洛湾村" in target for _, target, _ in posts)


def test_two_villages_in_the_paragraph_no_guess() -> None:
    # the paragraph names two villages and the sentence neither: no village chosen
    posts = _posts(
        "陕西省黄陵县双龙镇索洛湾村和五星村是邻村。\n\n"
        "陕西省黄陵县双龙镇索洛湾村和黄陵县双龙镇五星村结对。"
        "这几天，大家商量着。第一书记王建华想不到的是，村民都同意了。"
    )
    assert not any("村@" in target for _, target, _ in posts)
