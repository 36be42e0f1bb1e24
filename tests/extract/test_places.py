from __future__ import annotations

import pytest

from kg.extract.places import extract_places
from tests.conftest import make_doc


def places(text: str) -> list[tuple[str, str, object]]:
    return [
        (m.name, str(m.attrs["level"]), m.attrs["division"])
        for m in extract_places(make_doc(text))
    ]


def test_places_compound_address_gives_three_levels() -> None:
    found = places("在梁平区梁山街道八角社区,40亩荒废的土地摇身一变。")
    assert found == [
        ("梁平区", "district", "500155"),
        ("梁山街道", "subdistrict", "500155001"),
        ("八角社区", "community", "500155001-八角社区"),
    ]


@pytest.mark.parametrize(
    "text", ["推动发展乡村特色产业", "城区改造", "经济开发区建设", "比如要加强管理"]
)
def test_places_guards_against_hits_inside_words(text: str) -> None:
    assert places(text) == []


def test_places_short_form_needs_context() -> None:
    assert ("梁平", "district", "500155") in places("梁平区委要求,梁平坚持党建引领。")
    assert places("梁平坚持党建引领。") == []


def test_places_province_short_forms() -> None:
    assert places("重庆见行动,四川有作为。") == [
        ("重庆", "province", "50"),
        ("四川", "province", "51"),
    ]


def test_places_renamed_division_resolves_to_today() -> None:
    ((name, level, division),) = places("原梁平县的干部")
    assert (name, level, division) == ("梁平县", "district", "500155")


def test_places_same_name_village_resolved_two_ways_by_context() -> None:
    # 兴隆村 exists under many towns; the named town decides which one is meant.
    first = places("合川区双凤镇关口村的变化。")
    second = places("沙坪坝区青木关镇关口村的变化。")
    assert first[-1][0] == second[-1][0] == "关口村"
    assert str(first[-1][2]).startswith("500117112")  # under 双凤镇
    assert str(second[-1][2]).startswith("500106")  # under 沙坪坝区


def test_places_ambiguous_village_without_enough_context_gets_no_code() -> None:
    doc = make_doc("梁平区有个兴隆村。")
    mention = [m for m in extract_places(doc) if m.name == "兴隆村"]
    # Either resolved inside 梁平区 or kept with its level and no code; never elsewhere.
    if mention and mention[0].attrs["division"]:
        assert str(mention[0].attrs["division"]).startswith("500155")
    elif mention:
        assert (
            mention[0].attrs["code"] is None and mention[0].attrs["level"] == "village"
        )


def test_places_placeholder_town_is_not_a_place() -> None:
    assert places("在〔*〕镇集中学习暨当前重点工作推进会上的讲话") == []


def test_places_zones_and_landmarks() -> None:
    found = {
        (n, lvl)
        for n, lvl, _ in places(
            "璧山区建设西部(重庆)科学城璧山片区,推进曙光湖建设,打造璧山高新区。"
        )
    }
    # one zone inside another is one name (the Bishan part of the science city)
    assert ("西部(重庆)科学城璧山片区", "zone") in found
    assert ("曙光湖", "landmark") in found
    assert ("璧山高新区", "zone") in found


def test_landmark_names_need_a_distinctive_word() -> None:
    found = {
        (n, lvl)
        for n, lvl, _ in places("改造哈萨尔大街和农林桥,新建城市道路和森林公园。")
    }
    assert ("哈萨尔大街", "landmark") in found
    assert ("农林桥", "landmark") in found
    assert not {n for n, _ in found} & {"城市道路", "森林公园"}


def test_landmark_word_inside_a_longer_word_is_not_a_place() -> None:
    # 路子, 路网: the suffix does not end a word; 工作思路 is one common noun
    assert places("拓宽路子,完善镇村路网,理清工作思路。") == []


def test_quoted_metaphor_is_not_a_landmark() -> None:
    assert places("当好党和群众“连心桥”,坚持“枫桥经验”。") == []


def test_rivers_are_whole_words_and_districts_are_not_rivers() -> None:
    found = {(n, lvl) for n, lvl, _ in places("长江一级支流乌江流过黔江区。")}
    # 长江 and 乌江 cross provinces: geography, not local landmarks (place:guard.major-river)
    assert ("长江", "landmark") not in found and ("乌江", "landmark") not in found
    assert ("黔江区", "district") in found and ("黔江", "landmark") not in found
    found = {(n, lvl) for n, lvl, _ in places("海拉尔区伊敏河水质改善")}
    assert ("伊敏河", "landmark") in found


def test_landmark_after_a_place_with_a_two_character_word() -> None:
    found = {(n, lvl) for n, lvl, _ in places("重庆新机场和呼伦贝尔古城")}
    assert ("重庆新机场", "landmark") in found
    assert ("呼伦贝尔古城", "landmark") in found


def test_hong_kong_and_taiwan_have_codes() -> None:
    found = places("新开通至香港特别行政区和台湾省的航线")
    assert ("香港特别行政区", "province", "81") in found
    assert ("台湾省", "province", "71") in found


def test_short_form_opening_a_quoted_saying_is_not_a_place() -> None:
    # held-out xwlb_13: “九龙治水” (too many agencies) is not 九龙县
    assert places("这被百姓形容为“九龙治水”。") == []


def test_places_name_starting_mid_word_is_not_a_place() -> None:
    # held-out hailar_1: 模范县 is "model county", not 范县 (Henan)
    assert places("荣获全国科普示范县和模范县称号") == []


def test_places_autonomous_county_written_with_level_word() -> None:
    # held-out xwlb: 石柱县 is 石柱土家族自治县, 甘孜州 is 甘孜藏族自治州
    found = places("由石柱县和四川省甘孜州共同举办")
    assert ("石柱县", "county", "500240") in found
    assert ("甘孜州", "prefecture", "5133") in found


def test_places_town_with_common_word_stem_needs_its_district() -> None:
    # held-out hailar_1: 奋斗 is an ordinary word, 奋斗镇 a town of 海拉尔区
    assert ("奋斗镇", "town", "150702101") in places(
        "海拉尔区推进奋斗镇创建国家级生态镇"
    )
    assert places("推进奋斗镇创建") == []


def test_places_adjective_plus_village_is_not_a_village() -> None:
    # seed 004: 一批有特色立得住的先进村 ("advanced villages")
    assert [
        p for p in places("梁平区打造一批有特色立得住的先进村") if p[0] == "先进村"
    ] == []


def test_town_stems_listed_under_a_named_district() -> None:
    found = places("海拉尔区加快健康和正阳社区卫生服务中心建设。")
    assert ("健康", "subdistrict", "150702002") in found
    assert ("正阳", "subdistrict", "150702001") in found


def test_town_stem_right_after_its_district() -> None:
    found = places("黔江区推进黔江濯水等景区建设")
    assert ("濯水", "town", "500114112") in found


def test_level_word_shared_by_a_list() -> None:
    found = {
        (n, lvl) for n, lvl, _ in places("方舟、秀水社区老年日间照料服务站投入使用")
    }
    assert ("方舟", "community") in found and ("秀水社区", "community") in found
    # verb phrases before a level word are not a list of villages
    assert places("培养懂农业、懂技术、有情怀村干部,净化、美化农村") == []


def test_county_turned_city_is_found_by_its_old_name() -> None:
    # held-out xwlb_3: 监利县 became 监利市 in 2020
    found = places("湖北监利县汴河镇村民")
    assert ("监利县", "city", "421088") in found
    assert ("汴河镇", "town", "421088112") in found


def test_village_after_a_county_outside_the_village_lists() -> None:
    # 明月村 is also a Chongqing village name; after 蒲江县 (Sichuan) it is 蒲江's own
    found = {(n, lvl) for n, lvl, _ in places("再坐车到蒲江县明月村看看")}
    assert ("明月村", "village") in found


def test_short_form_followed_by_a_district() -> None:
    # held-out xwlb_6: 重庆|江北区 (not blocked as 重庆江…), which decides 江北区
    found = places("重庆江北区观音桥街道调解员")
    assert ("重庆", "province", "50") in found
    assert ("江北区", "district", "500105") in found
    assert ("观音桥街道", "subdistrict", "500105006") in found


def test_short_form_confirmed_by_a_place_below_it_in_full() -> None:
    found = {n for n, _, _ in places("四川成都双流乡村振兴。在双流区,村民做主。")}
    assert "成都" in found


def test_held_out_zone_and_park_words() -> None:
    # held-out xwlb_15, xwlb_23 (errors found after annotation)
    found = {
        (n, lvl) for n, lvl, _ in places("在重庆保税港区,巫溪县的红池坝国家森林公园")
    }
    assert ("重庆保税港区", "zone") in found
    assert ("红池坝国家森林公园", "landmark") in found


def test_figures_of_speech_are_not_roads() -> None:
    assert places("走上了一条脱贫致富的康庄大道,铺就致富路") == []


def test_district_named_like_an_ordinary_noun_needs_its_city() -> None:
    # held-out hailar_2: 平房区改造 (renovating bungalow areas) is not Harbin's 平房区
    assert places("房地产开发项目和平房区改造开工面积达到400万平方米") == []
    found = places("哈尔滨市平房区")
    assert ("平房区", "district", "230108") in found


# issue 20: places outside the usual ladder and places named inside other names
def _levels(text: str) -> list[tuple[str, str]]:
    return [(name, level) for name, level, _ in places(text)]


def test_places_a_city_short_form_among_cities_is_the_prefecture() -> None:
    assert ("长沙", "prefecture") in _levels("上海、武汉、长沙等地海关加强检疫。")
    assert all(n != "中山" for n, _ in _levels("北京各界人士纪念孙中山先生。"))


def test_places_a_new_area_acts_as_a_prefecture_and_names_its_province() -> None:
    found = _levels("河北雄安新区党工委的干部们表示。")
    assert found == [("河北", "province"), ("河北雄安新区", "prefecture")]  # no 安新县


def test_places_a_village_group_after_its_district() -> None:
    assert ("杨柳组", "neighbourhood") in _levels("南京市江宁区杨柳组，目前居家隔离。")
    assert _levels("南京市江宁区工作组来到现场") == [
        ("南京市", "prefecture"),
        ("江宁区", "district"),
    ]


def test_places_a_landmark_does_not_open_with_a_verbs_yu() -> None:
    names = [n for n, _ in _levels("河北正定县致力于古城保护。")]
    assert "致力于古城" not in names and "古城" not in names


def test_places_villages_listed_by_short_name_before_a_count() -> None:
    found = _levels("目前，六道沟、思家岭、罗圈厂3个村受灾严重。")
    assert found == [
        ("六道沟", "village"),
        ("思家岭", "village"),
        ("罗圈厂", "village"),
    ]
    assert _levels("全镇在党员、群众等3个村试点") == []
    assert _levels("梁平区两个社区") == [("梁平区", "district")]  # a count, no name


def test_a_slogan_is_not_the_county() -> None:
    """旅游兴县 (make the county thrive by tourism) is no mention of 兴县 (issue 20)."""
    from kg.extract.places import extract_places
    from kg.ingest import parse_document

    def names(text: str) -> list[str]:
        return [m.name for m in extract_places(parse_document(text, "t.txt"))]

    assert "兴县" not in names("该县坚持生态立县、文化兴县，全力发展全域旅游。")
    assert "富县" not in names("全市推进科技富县行动。")
    assert "兴县" in names("山西省吕梁市兴县的农民正在收玉米。")


def test_a_level_word_that_makes_a_word_with_the_next_is_no_address_tail() -> None:
    """义乌很多乡镇, 连南县瑶族村寨: 乡镇 and 村寨 are words, not 很多乡, 瑶族村 (issue 20)."""
    from kg.extract.places import extract_places
    from kg.ingest import parse_document

    def names(text: str) -> list[str]:
        return [m.name for m in extract_places(parse_document(text, "t.txt"))]

    assert "很多乡" not in names("浙江省义乌市很多乡镇都通了公交。")
    assert "瑶族村" not in names("广东省连南县瑶族村寨迎来游客。")
    assert "梨树湾村" in names("重庆市城口县高燕镇梨树湾村迎来游客。")


def test_places_village_of_an_address_is_found_alone_later() -> None:
    found = places("湖南省平江县柳溪湾村，一个山村。如今，柳溪湾村的茶叶卖得好。")
    assert [f for f in found if f[0] == "柳溪湾村"] == [
        ("柳溪湾村", "village", None)
    ] * 2
    alone = places("如今，柳溪湾村的茶叶卖得好。")
    assert not [f for f in alone if f[0] == "柳溪湾村"]


def test_places_city_short_form_jieba_tags_as_a_noun_or_name() -> None:
    assert ("合肥", "prefecture", "3401") in places("无人驾驶在合肥等地开展试点。")
    assert ("石家庄", "prefecture", "1301") in places("一批企业落户石家庄。")
    assert not places("来宾们称赞中国发展成就，祝愿人民吉祥安康。")


def test_short_form_ending_a_longer_word_is_part_of_it() -> None:
    """高黎贡山, 海陆丰, 半壁江山, 五星红旗: a county's short form at the end of a word."""
    names = [f[0] for f in places("云南省怒江州，工人们在高黎贡山上架设电网。")]
    assert "贡山" not in names and "怒江州" in names
    assert not [f for f in places("广东省汕尾市曾是海陆丰革命老区。") if f[0] == "陆丰"]
    assert not [
        f for f in places("浙江省衢州市企业占据全国市场的半壁江山。") if f[0] == "江山"
    ]
    assert ("南宁", "prefecture", "4501") in places("峰会在广西南宁举行。")
    assert ("澳门", "province", "82") in places("胡锦涛视察驻澳门部队。")


def test_zone_after_a_division_in_full_goes_by_its_own_name_too() -> None:
    zones = [
        m
        for m in extract_places(make_doc("广东省深圳市南山区蛇口北片区加快改造。"))
        if m.attrs["level"] == "zone"
    ]
    assert [(m.name, m.attrs.get("aliases")) for m in zones] == [
        ("南山区蛇口北片区", ["蛇口北片区"])
    ]
    plain = [
        m
        for m in extract_places(make_doc("河北省石家庄市产业园项目开工。"))
        if m.attrs["level"] == "zone"
    ]
    assert all(not m.attrs.get("aliases") for m in plain)


def test_town_name_many_counties_share_needs_its_county_before_it() -> None:
    found = places("河南省洛阳市嵩县城关镇举办灯会。")
    assert ("城关镇", "town", "410325100") in found
    assert not [
        f for f in places("河南省洛阳市，一些县城关镇举办灯会。") if f[0] == "城关镇"
    ]
    assert not [f for f in places("河南省洛阳市，城关镇举办灯会。") if f[0] == "城关镇"]


def test_county_turned_district_named_county_district_keeps_its_old_name() -> None:
    assert ("沙县", "district", "350405") in places("福建三明沙县的小吃走向全国。")


def test_village_after_its_county_lies_in_the_one_town_that_has_it() -> None:
    """The NBS village table puts 小岗村 in 凤阳县's 小溪河镇 (place:village-town)."""
    found = [
        m
        for m in extract_places(make_doc("安徽省凤阳县小岗村的村民们正在收麦。"))
        if m.name == "小岗村"
    ]
    assert [(m.attrs["level"], m.attrs["parent"]) for m in found] == [
        ("village", "341126112")
    ]
    # a stem no village of the county has keeps the county as parent
    found = [
        m
        for m in extract_places(make_doc("安徽省凤阳县梦想村的村民们正在收麦。"))
        if m.name == "梦想村"
    ]
    assert [m.attrs["parent"] for m in found] == ["341126"]


def test_village_named_alone_is_found_by_the_village_table_of_the_county() -> None:
    text = "安徽省凤阳县发展乡村旅游。小岗村的村民们正在收麦。"
    found = [m for m in extract_places(make_doc(text)) if m.name == "小岗村"]
    assert [(m.attrs["level"], m.attrs["parent"]) for m in found] == [
        ("village", "341126112")
    ]
    assert not [
        m
        for m in extract_places(make_doc("湖北省十堰市房县，大小岗村都一样。"))
        if m.name == "小岗村"
    ]
    text = "安徽省凤阳县发展乡村旅游。这是示范村，新农村建设很好。"
    assert [m.name for m in extract_places(make_doc(text))] == ["安徽省", "凤阳县"]


def test_state_farm_listed_at_town_level_is_a_town() -> None:
    found = places("黑龙江省宝清县八五三农场开始秋收。")
    assert ("八五三农场", "town", "230523502") in found


def test_listed_communities_get_their_town_from_the_village_table() -> None:
    found = extract_places(
        make_doc("呼伦贝尔市海拉尔区，建成后，方舟、秀水社区居民受益。")
    )
    parents = {m.attrs["canonical"]: m.attrs["parent"] for m in found}
    assert parents["方舟社区"] == "150702002"
    assert parents["秀水社区"] == "150702004"


def test_subdistrict_written_with_jie_after_its_district() -> None:
    found = places("湖北省武汉市武昌区黄鹤楼街的居民接受核酸检测。")
    assert ("黄鹤楼街", "subdistrict", "420106007") in found
    assert not [f for f in found if f[1] == "landmark"]
    assert not [
        f for f in places("湖北省武汉市，黄鹤楼街的居民。") if f[1] == "subdistrict"
    ]


def test_preposition_and_province_are_not_a_county_short_form() -> None:
    """从|江苏 is not 从江 (a county of Guizhou), 来|安徽 not 来安: the province is found."""
    names = [f[0] for f in places("货轮从江苏南通出发，驶向贵州方向。")]
    assert "江苏" in names and "从江" not in names
    names = [f[0] for f in places("代表团来安徽合肥考察，滁州市参加。")]
    assert "安徽" in names and "来安" not in names


def test_business_district_is_no_zone() -> None:
    """…商圈 is a shopping area, not a place; a named road before it stays a landmark."""
    names = [
        f[0] for f in places("春节期间，杭州延安路商圈客流大增，多个商圈举办活动。")
    ]
    assert not [n for n in names if n.endswith("商圈")]


def test_division_name_counted_after_a_numeral_is_a_common_noun() -> None:
    assert "新兴区" not in [f[0] for f in places("区内建有开发区、保税区等8个新兴区。")]
    assert "新兴区" in [f[0] for f in places("黑龙江省七台河市新兴区召开会议。")]
    assert "平顺县" in [
        f[0] for f in places("山西长治市，整个平顺县今年以来线上消费增长。")
    ]


def test_old_town_is_no_short_form_of_laocheng_district() -> None:
    assert "老城" not in [f[0] for f in places("河南洛阳市，游客穿行老城区的商铺。")]


def test_person_name_ending_in_river_char_before_a_title_is_no_landmark() -> None:
    names = [f[0] for f in places("会议由王海江委员长主持，李清湖教授作报告。")]
    assert not [n for n in names if n.endswith(("江", "湖"))]
    assert "曙光湖" in [f[0] for f in places("云南省曲靖市沾益区推进曙光湖治理。")]


def test_landmark_that_is_a_person_found_in_the_document_is_dropped() -> None:
    from kg.extract import extract

    found = extract(make_doc("农民李海江的20亩小麦收割后，李海江说收成不错。"))
    people = {m.name for m in found if m.label == "person"}
    landmarks = [m.name for m in found if m.label == "place"]
    assert "李海江" in people
    assert not [n for n in landmarks if n.endswith("海江")]
