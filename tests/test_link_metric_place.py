"""Linking figures to where they were measured (issue 20): the place opening the
figure's clause, else the division opening its paragraph (a news story), else the
article's focus."""

from tests.conftest import linked_names


def _measured_in(text: str, figure: str) -> set[str]:
    return linked_names(text, figure, "measured_in")


def test_a_paragraph_opening_with_a_place_tells_where_its_figures_are() -> None:
    text = (
        "各地抓紧春耕生产\n\n湖北黄冈市今年春耕进展顺利。\n\n"
        "在四川广元，农民们正在整地播种。当地新建高标准农田3000多亩。\n"
    )
    assert _measured_in(text, "3000多亩") == {"广元市"}


def test_a_paragraph_naming_a_place_in_passing_keeps_the_focus() -> None:
    text = (
        "黄冈市政府工作报告\n\n黄冈市经济平稳增长。\n\n"
        "全年招商引资成效明显，麻城市引进项目多个。全市新建高标准农田3000多亩。\n"
    )
    assert _measured_in(text, "3000多亩") == {"黄冈市"}


def test_a_county_the_sentence_is_about_outside_the_focus() -> None:
    text = (
        "南京市今天通报，南京市新建学校3所。"
        "王英来到扬州市的高邮市考察，这里新建学校12所。"
    )
    assert _measured_in(text, "12所") == {"高邮市"}


def test_a_place_in_a_list_is_not_where_a_figure_was_measured() -> None:
    text = "南京市今天通报，南京市新建学校3所。新开通高邮市等航线6条。"
    assert _measured_in(text, "6条") == {"南京市"}


def test_a_clause_naming_a_level_alone_is_about_the_place_named_before() -> None:
    text = (
        "梁平区召开会议，梁平区通报情况。"
        "铁门乡负责人介绍，他们打造了田园综合体；全乡吸引游客达3万余人次。"
    )
    assert _measured_in(text, "3万余人次") == {"铁门乡"}


def test_a_province_or_city_opening_the_clause_outside_the_focus() -> None:
    text = (
        "黄冈市各地抓紧春耕\n\n黄冈市今年春耕进展顺利。"
        "会上介绍，江西投资2000万元建设育秧工厂；甘肃天水新建大棚300座。\n"
    )
    assert _measured_in(text, "2000万元") == {"江西省"}
    assert _measured_in(text, "300座") == {"天水市"}  # the chain's last


def test_a_province_in_the_middle_of_a_clause_keeps_the_focus() -> None:
    text = "黄冈市各地抓紧春耕\n\n黄冈市今年春耕进展顺利。会上介绍，加快江西2000万元育秧工厂建设。\n"
    assert _measured_in(text, "2000万元") == {"黄冈市"}


def test_a_village_named_more_often_than_its_county_holds_the_figures() -> None:
    text = (
        "美丽乡村见闻\n\n在浙江省德清县桃溪村，村民开起了民宿。\n\n"
        "这是德清县桃溪村组织的又一次培训。\n\n如今桃溪村300户村民都有了新房，村里新建停车场2个。\n"
    )
    assert _measured_in(text, "2个") == {"桃溪村"}


def test_a_village_named_once_keeps_the_county() -> None:
    text = (
        "美丽乡村见闻\n\n德清县今年推进乡村建设，德清县的村庄变美了。\n\n"
        "在浙江省德清县桃溪村，村民开起了民宿。\n\n村里新建停车场2个。\n"
    )
    assert _measured_in(text, "2个") == {"德清县"}


def test_a_province_named_throughout_holds_the_figures_after_it() -> None:
    text = (
        "甘肃推进乡村振兴\n\n甘肃省今年推进乡村振兴，天水市介绍了经验。\n\n"
        "甘肃全省新建学校30所。甘肃农民收入增长。\n\n全年新修道路500公里。\n"
    )
    assert _measured_in(text, "500公里") == {"甘肃省"}


def test_the_city_named_last_before_a_figure_keeps_it() -> None:
    text = (
        "甘肃推进乡村振兴\n\n甘肃省今年推进乡村振兴，甘肃全省新建学校30所。"
        "甘肃农民收入增长。\n\n天水市介绍了经验。\n\n全年新修道路500公里。\n"
    )
    assert _measured_in(text, "500公里") == {"天水市"}


def test_a_paragraph_opening_with_a_time_then_a_place_tells_where() -> None:
    text = (
        "各地天气\n\n今天上午，南京市气温偏高。\n\n"
        "昨天下午，扬州局部地区出现强降雨。截至17点，取消航班176架次。\n"
    )
    assert _measured_in(text, "176架次") == {"扬州市"}


def test_a_paragraph_opening_with_dangdi_is_the_place_of_the_one_before() -> None:
    text = (
        "各地天气\n\n今天上午，南京市气温偏高。\n\n昨天下午，扬州遭遇大风。\n\n"
        "当地经过1个多小时的抢险，恢复了交通。\n"
    )
    assert _measured_in(text, "1个多小时") == {"扬州市"}


def test_the_items_of_a_digest_are_the_places_of_their_headings() -> None:
    text = (
        "各地新举措\n\n各地推进主题教育。\n\n扬州：推进环境整治\n\n"
        "党员干部查找问题162件。\n\n南京：办好民生实事\n\n全市办结实事9000件。\n"
    )
    assert _measured_in(text, "162件") == {"扬州市"}
    assert _measured_in(text, "9000件") == {"南京市"}


def test_a_digest_item_without_a_place_heading_ends_the_one_before() -> None:
    text = (
        "南京新举措\n\n南京市推进主题教育。\n\n扬州：推进环境整治\n\n"
        "党员干部查找问题162件。\n\n网信系统约谈网站\n\n累计约谈网站2203家。\n"
    )
    assert _measured_in(text, "162件") == {"扬州市"}
    assert _measured_in(text, "2203家") == {"南京市"}


def test_a_story_whose_lead_writes_a_town_at_a_chain_end_is_that_towns() -> None:
    text = (
        "山乡新变化\n\n今天我们来到江苏省句容市天王镇，认识一位老党员。\n\n"
        "句容市今年推进乡村振兴，句容市的村庄变美了。\n\n"
        "他已经在这里工作了30年，带领乡亲们种茶200亩。\n"
    )
    assert _measured_in(text, "30年") == {"天王镇"}


def test_a_story_whose_lead_chain_ends_with_a_county_keeps_the_county() -> None:
    text = (
        "山乡新变化\n\n江苏省句容市大力发展茶产业。\n\n"
        "在句容市天王镇，茶农正在采茶。\n\n"
        "句容市今年推进乡村振兴，全市种茶2000亩。\n\n他已经在这里工作了30年。\n"
    )
    assert _measured_in(text, "30年") == {"句容市"}


def test_a_digest_sentence_led_by_a_division_carries_to_the_next() -> None:
    text = (
        "各地稳岗就业\n\n黄冈市今年就业形势稳定。\n\n"
        "各地加大稳岗力度。甘肃省人社部门向企业发放稳岗补贴。目前已发放补贴3200万元。"
        "云南出台就业帮扶措施。截至目前，全省新增就业岗位8万个。\n"
    )
    assert _measured_in(text, "3200万元") == {"甘肃省"}
    assert _measured_in(text, "8万个") == {"云南省"}


def test_a_digest_sentence_does_not_carry_past_the_nation_or_a_list() -> None:
    text = (
        "各地稳岗就业\n\n黄冈市今年就业形势稳定。\n\n"
        "各地加大稳岗力度。甘肃省人社部门向企业发放稳岗补贴。目前，全国已发放补贴3200万元。"
        "云南、贵州出台就业帮扶措施。新增就业岗位8万个。"
        "工作会议部署相关任务。浙江省推进技能培训。培训讲座持续了3个小时，学员在杭州参加。\n"
    )
    assert _measured_in(text, "3200万元") != {"甘肃省"}
    assert _measured_in(text, "8万个") != {"云南省"}
    assert _measured_in(text, "3个小时") != {"浙江省"}


def test_a_chain_opening_a_clause_names_its_last_place_not_the_holder() -> None:
    text = (
        "黄冈市各地抓紧春耕\n\n黄冈市今年春耕进展顺利。"
        "会上介绍，湖北宜昌的一家合作社今年扩大规模，流转土地500多亩。\n"
    )
    assert _measured_in(text, "500多亩") == {"宜昌市"}  # not 湖北, holding the focus


def test_a_chain_in_a_list_or_after_a_word_keeps_the_holder() -> None:
    listed = (
        "黄冈市各地抓紧春耕\n\n黄冈市今年春耕进展顺利。"
        "会上介绍，湖北宜昌、襄阳的合作社今年扩大规模，流转土地500多亩。\n"
    )
    assert "宜昌市" not in _measured_in(listed, "500多亩")
    route = (
        "黄冈市各地抓紧春耕\n\n黄冈市今年春耕进展顺利。"
        "会上介绍，连接河南和湖北宜昌的公路今年通车，全长180公里。\n"
    )
    assert "宜昌市" not in _measured_in(route, "180公里")
