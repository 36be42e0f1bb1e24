"""Round-13 named events a locality organises (snippets made up)."""

from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.ingest import parse_document


def _names(text: str) -> set[str]:
    doc = parse_document(text, "t")
    return {m.name for m in extract_programmes(doc, extract_places(doc))}


def test_a_named_festival_week_or_season_is_a_programme() -> None:
    assert "青岭国际电影节" in _names("第七届青岭国际电影节今晚开幕。")
    assert "南湖国际啤酒节" in _names("正在举行的南湖国际啤酒节吸引游客。")
    assert "全国节水宣传周" in _names("今年全国节水宣传周今天启动，")
    assert "夏季文旅消费季" in _names("全省启动夏季文旅消费季，")


def test_event_words_inside_longer_words_or_after_a_verb_of_attending() -> None:
    assert not any("音乐节" in n for n in _names("电视台播出音乐节目。"))
    assert not any(n.startswith("亮相") for n in _names("舞剧亮相南湖电影节。"))


def test_an_event_keeps_its_host_before_a_bracket_or_a_dash() -> None:
    assert "中国(青岭)国际茶业博览会" in _names(
        "第九届中国（青岭）国际茶业博览会今天开幕。"
    )
    assert "中国—南屿国家博览会" in _names("首届中国—南屿国家博览会在青岭开幕。")
    names = _names("他说——国际茶业博览会很成功。")
    assert not any(n.startswith("—") for n in names)
    # a works word or a scheme word other than an event's keeps its own edge
    assert not any(
        n.startswith("中国") for n in _names("中国（青岭）启动产业升级工程。")
    )


def test_an_edition_inside_the_clause_starts_the_event_name() -> None:
    names = _names("青岭市代表团出席第二届南屿国际茶业博览会。")
    assert "南屿国际茶业博览会" in names
    assert not any("出席" in n or "届" in n for n in names)
    names = _names("距离第三届南屿国际茶业博览会开幕还有一个月。")
    assert not any(n.startswith("距离") for n in names)
