"""Round-18 programme recall: rectification campaigns (…专项治理), the building of a
designated zone (…试验区建设) and community service circles (“15分钟…服务圈”).
Snippets made up."""

from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.ingest import parse_document


def _names(text: str) -> set[str]:
    doc = parse_document(text, "t")
    return {m.name for m in extract_programmes(doc, extract_places(doc))}


def test_a_rectification_campaign_over_a_sector_is_national() -> None:
    doc = parse_document("深入开展教育领域乱收费问题专项治理，", "t")
    found = {m.name: m.attrs["scope"] for m in extract_programmes(doc)}
    assert found.get("教育领域乱收费问题专项治理") == "national"


def test_a_campaign_named_by_its_target_alone_waits_for_its_owner() -> None:
    # whose it is comes from the story around it, which kg does not read yet
    assert not _names("围绕滨江污染问题专项治理，当地组织干部下沉。")
    # 重点|领域…: the sector's head was cut off, a fragment
    assert not _names("深化重点领域涉企收费专项治理，")


def test_a_special_inspection_s_rectification_keeps_its_programme() -> None:
    # the campaign's name holds a lexicon programme: the fuller name wins
    names = _names("要抓好乡村振兴专项巡视整改，")
    assert "乡村振兴专项巡视整改" in names
    assert "乡村振兴" not in names


def test_a_quoted_target_before_the_campaign_word_makes_one_name() -> None:
    assert "一票难求专项治理" in _names("开展“一票难求”专项治理。")


def test_a_designated_zone_is_a_programme_as_its_building() -> None:
    assert "海洋经济创新发展试验区建设" in _names(
        "推进海洋经济创新发展试验区建设，带动转型。"
    )
    assert "滨江未来产业先导区建设" in _names("滨江未来产业先导区建设稳步推进。")


def test_a_bare_designated_zone_is_a_place() -> None:
    assert not any("试验区" in n for n in _names("记者来到滨海自贸试验区，看到"))
    assert not any(
        "试验区" in n for n in _names("全国21个自贸试验区以不到千分之四的面积")
    )
    # a quoted motto right before the zone's head is the zone's title
    assert not _names("国务院批准建立某地“科技兴农、生态立县”试验区。")


def test_a_verb_of_concern_opens_no_name() -> None:
    assert "滨江科创走廊建设行动" in _names("他十分关心滨江科创走廊建设行动进展。")


def test_a_service_circle_of_minutes_is_a_programme() -> None:
    assert "10分钟文化生活圈" in _names("社区建成了“10分钟文化生活圈”。")
    assert "一刻钟便民服务圈" in _names("街道打造“一刻钟便民服务圈”，")


def test_a_circle_of_hours_or_a_technical_system_is_none() -> None:
    assert not _names("两地形成“1小时生活圈”。")
    assert not _names("两市形成“半小时经济圈”。")
    assert not _names("飞机装有“自动防失速系统”。")


def test_a_festival_opened_by_its_edition_is_a_programme() -> None:
    assert "青州梨花节" in _names("首届青州梨花节今天开幕，市民可参与采摘。")
    assert "长江非遗周" in _names("第三届长江非遗周在某市举行。")
    # the event after 暨 is the one the edition opens
    assert "滨江机器人节" in _names("第二届滨江机器人峰会暨首届滨江机器人节今天开幕。")


def test_an_edition_before_a_clause_or_an_event_abroad_makes_none() -> None:
    assert not _names("第三届长江梨花节恰逢国庆佳节，")
    assert not _names("北美首届湖上龙舟节在加拿大举行。")
