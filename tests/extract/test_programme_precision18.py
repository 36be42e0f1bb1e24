"""Round 18, issue 19: programme precision on fresh text (made-up snippets).

Kinds fixed: the short heads of a counted formula read as separate campaigns,
a scheme word that ends one item of a longer 、 list shared out over the items
before it, and a broadcaster naming itself (本台) kept in a campaign's name.
"""

from __future__ import annotations

from kg.extract.programmes import extract_programmes
from tests.conftest import make_doc


def programmes(text: str) -> dict[str, list[str]]:
    """Programme name → its components."""
    return {
        m.name: list(m.attrs.get("components") or [])
        for m in extract_programmes(make_doc(text))
    }


def test_counted_formula_of_short_heads_is_one_listing() -> None:
    found = programmes("全县打好山绿、水清、田肥三大攻坚战，成效明显。")
    assert found == {"三大攻坚战": ["山绿", "水清", "田肥"]}


def test_listing_of_known_campaigns_names_them_and_takes_their_scope() -> None:
    (m,) = extract_programmes(
        make_doc("某县打响蓝天、碧水、净土三大保卫战，成效明显。")
    )
    assert m.attrs["components"] == ["蓝天保卫战", "碧水保卫战", "净土保卫战"]
    assert m.attrs["scope"] == "national"


def test_a_count_closing_a_works_item_counts_facilities() -> None:
    found = programmes("计划用3年时间，新建谷坊310座、挡沙工程1200座，实施综合治理。")
    assert "挡沙工程" not in found
    found = programmes("经过两年施工，东坡挡沙工程12座隧洞全线贯通。")
    assert "东坡挡沙工程" in found


def test_counted_list_of_long_heads_still_names_one_scheme_each() -> None:
    found = programmes("推进茶叶品牌提升、林下经济培育和乡村旅游拓展三大工程。")
    assert set(found) == {"茶叶品牌提升工程", "林下经济培育工程", "乡村旅游拓展工程"}


def test_scheme_word_inside_a_longer_list_is_not_shared() -> None:
    found = programmes("他们先后走访历史展馆、河道整治工程、企业、社区等进行调研。")
    assert "历史展馆工程" not in found and "走访历史展馆工程" not in found


def test_pair_joined_by_he_inside_a_list_item_still_shares() -> None:
    found = programmes("为发展职业教育、实施科教兴国和林业强省战略、推进融合作出贡献。")
    assert {"科教兴国战略", "林业强省战略"} <= set(found)


def test_broadcaster_is_no_part_of_a_campaign_name() -> None:
    found = programmes("今年秋天，本台乡村行记者行动进入第三年。")
    assert "乡村行记者行动" in found and "本台乡村行记者行动" not in found


def test_one_campaign_written_two_ways_is_one_programme() -> None:
    found = programmes("县里打赢扶贫攻坚战，全面打好精准脱贫攻坚战。")
    assert set(found) == {"脱贫攻坚"}


def test_written_out_name_of_a_known_strategy_is_not_cut() -> None:
    found = programmes("全省深入实施自由贸易试验区提升战略，扩大开放。")
    assert set(found) == {"自贸试验区提升战略"}


def test_short_form_in_a_document_that_writes_the_full_name_is_an_alias() -> None:
    ms = extract_programmes(make_doc("某港推进单一窗口建设。单一窗口让企业少跑腿。"))
    assert {m.name for m in ms} == {"单一窗口建设"}


def test_year_before_a_name_only_dates_it() -> None:
    text = "某区举行“青溪灯光秀启幕”活动\n\n“2025青溪灯光秀启幕”昨晚在某区举行。"
    assert {m.name for m in extract_programmes(make_doc(text))} == {
        "2025青溪灯光秀启幕"
    }


def test_a_longer_name_that_is_another_programme_is_not_a_full_form() -> None:
    # 改革 is no tail a document leaves off: two programmes
    ms = extract_programmes(make_doc("某港推进单一窗口改革。单一窗口让企业少跑腿。"))
    assert {m.name for m in ms} == {"单一窗口改革", "单一窗口"}


def test_one_reform_written_with_and_without_its_domain_word() -> None:
    found = programmes("深化教育领域综合改革，推进教育综合改革。")
    assert set(found) == {"教育综合改革"}


def test_a_region_glued_before_a_known_campaign_is_no_part_of_its_name() -> None:
    found = programmes("鼓励企业参与东部协作地区乡村振兴战略。")
    assert set(found) == {"乡村振兴战略"}
