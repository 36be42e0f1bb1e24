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
    found = _people("中共中央政治局常委、中央书记处书记刘奇葆出席会议。")
    assert _titles(found, "刘奇葆") == ["政治局常委", "书记处书记"]
    found = _people("中共中央政治局委员、天津市委书记李鸿忠陪同。")
    assert _titles(found, "李鸿忠")[0] == "政治局委员"


def test_posts_the_list_lacked() -> None:
    found = _people("某某哨所排长赵立新说，消防大队教导员钱海平带队出发。")
    assert _titles(found, "赵立新") == ["排长"]
    assert _titles(found, "钱海平") == ["教导员"]
    found = _people("全国人大常委会副委员长孙建华出席。外交部某司司长周立明介绍，")
    assert _titles(found, "孙建华") == ["副委员长"]
    assert _titles(found, "周立明") == ["司长"]


def test_generic_post_takes_its_qualifier() -> None:
    found = _people("县里派来的扶贫专员孙建国说，村里的图书管理员李海平也来了。")
    assert _titles(found, "孙建国") == ["扶贫专员"]
    assert _titles(found, "李海平") == ["图书管理员"]
    assert _titles(_people("街道“稳岗就业”专员孙建国说，"), "孙建国") == [
        "稳岗就业专员"
    ]


def test_generic_post_after_a_place_stays_bare() -> None:
    found = _people("联合国驻叙利亚协调员孙建国说，")
    assert _titles(found, "孙建国") == ["协调员"]


def test_title_astride_a_city_name_is_no_title() -> None:
    assert _people("江苏泰州长江大桥今天通车。福州长乐机场扩建。") == {}
    found = _people("广州市长王建华说，得州州长阿博特表示。")
    assert _titles(found, "王建华") == ["市长"]
    assert _titles(found, "阿博特") == ["州长"]
