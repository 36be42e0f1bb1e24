from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.metrics import extract_metrics, parse_chinese_number
from tests.conftest import make_doc


def figures(text: str) -> list[tuple[str, str, bool]]:
    return [
        (str(m.attrs["value"]), str(m.attrs["unit"]), bool(m.attrs["approx"]))
        for m in extract_metrics(make_doc(text))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("人均可支配收入3.48万元", ("34800", "元", False)),
        ("吸引游客18万余人", ("180000", "人", True)),
        ("比例75.93%", ("75.93", "%", False)),
        ("耕地十八亿亩", ("1800000000", "亩", False)),
        ("补助0.57万元", ("5700", "元", False)),
        ("近三分之二的村", ("66.67", "%", True)),
        ("约三成农户", ("30", "%", True)),
        ("提高2.5个百分点", ("2.5", "个百分点", False)),
        ("医药费2000元左右", ("2000", "元", True)),
        ("网格员1380个", ("1380", "个", False)),
    ],
)
def test_metrics_values_units_and_approximation(
    text: str, expected: tuple[str, str, bool]
) -> None:
    assert figures(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "2023年,梁平区",
        "第三批示范村",
        "拨打12320热线",
        "开展“三比三亮”",
        "一个时期以来",
        "在〔*〕镇",
    ],
)
def test_metrics_not_years_ordinals_phones_or_names(text: str) -> None:
    assert figures(text) == []


def test_metrics_subject_and_year() -> None:
    (metric,) = extract_metrics(make_doc("2023年,社区实现居民人均可支配收入3.48万元。"))
    assert metric.attrs["year"] == 2023
    assert "人均可支配收入" in str(metric.attrs["subject"])


@settings(deadline=None)  # a loaded 2-core machine is no reason to fail
@given(
    st.integers(min_value=0, max_value=99999999), st.integers(min_value=0, max_value=99)
)
def test_metrics_arabic_with_scale_parses_exactly(whole: int, cents: int) -> None:
    text = f"{whole}.{cents:02d}万"
    assert parse_chinese_number(text) == Decimal(f"{whole}.{cents:02d}") * 10000


def _to_chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n == 0:
        return "零"
    parts = []
    for unit, size in (("亿", 10**8), ("万", 10**4), ("", 1)):
        group, n = divmod(n, size)
        if group:
            text = ""
            for u, s in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
                d, group = divmod(group, s)
                if d:
                    text += digits[d] + u
                elif text and group:
                    text += "零" if not text.endswith("零") else ""
            parts.append(text + unit)
        elif parts and n:
            parts.append("零")
    return "".join(parts)


@settings(deadline=None)  # a loaded 2-core machine is no reason to fail
@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_metrics_chinese_numerals_match_reference(n: int) -> None:
    assert parse_chinese_number(_to_chinese(n)) == n


def test_metrics_bare_scale_word_is_one_of_it() -> None:
    # seeds 000/001: 万亩 is 10000 亩; seed 003: 近万人 is about 10000 people
    assert figures("建成万亩茶园") == [("10000", "亩", False)]
    assert figures("吸引近万人参加") == [("10000", "人", True)]


@pytest.mark.parametrize("text", ["走进千家万户", "工作千头万绪"])
def test_metrics_idioms_with_numerals_are_not_figures(text: str) -> None:
    assert figures(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("打造两个千亿级产业集群", [("2", "个", False)]),
        ("抓住“制度设计”和“制度运行”两个关键。", []),  # rhetoric (seed 001)
        ("增强国内国际两个市场两种资源联动效应", []),  # seed 002
        ("主要目的有两个:一是", []),  # seed 003
        ("开展四轮排查摸底、两次脱贫攻坚", [("4", "轮", False), ("2", "次", False)]),
        ("落实区十四届四次全委(扩大)会议精神", []),  # a meeting's name
        ("三次产业结构演进为3.6:20.3:76.1", []),  # the tertiary sector
        ("支持茶叶等十余种产业发展", [("10", "种", True)]),
        ("能为当地带来上亿元的收入", [("100000000", "元", True)]),
        ("线上3000人参加", [("3000", "人", False)]),
        ("积极扶持三元、麦福劳等龙头企业", []),  # a company
        ("加快2×35万千瓦热电联产项目", [("700000", "千瓦", False)]),
        ("确保14块绿地布景造园", [("14", "块", False)]),
        ("百分之.", []),  # the point alone stopped the whole document
        ("增长百分之五.", [("5", "%", False)]),  # a full stop in ASCII after it
        ("增长百分之3.5", [("3.5", "%", False)]),  # was 3/百: 3 %
        ("占百分之三十五点五", [("35.5", "%", False)]),
        # issue 20: units as written, rare units, numbers and ranges
        ("亩产达到900公斤", [("900", "公斤", False)]),
        ("工期缩短了6个月", [("6", "个月", False)]),
        ("前11个月,进出口总额增长1.8%", [("1.8", "%", False)]),  # a date
        ("偏角有10度", [("10", "度", False)]),
        ("股价一度下跌", []),  # once
        ("气温降至零下15℃", [("-15", "℃", False)]),
        ("新增确诊病例61例", [("61", "例", False)]),
        ("贫困人口2万4千人", [("24000", "人", False)]),
        ("请来十几位专家", [("10", "位", True)]),
        ("他工作过的三个乡,", [("3", "个", False)]),
        ("用好两个市场", []),  # rhetoric
        ("每户补助3至5万元", [("30000", "元", True), ("50000", "元", True)]),
        ("每组有2至4人", [("2", "人", True), ("4", "人", True)]),
        ("获得第1-3名", []),  # ordinals
    ],
)
def test_metrics_counts_in_words_and_regressions(
    text: str, expected: list[tuple[str, str, bool]]
) -> None:
    assert figures(text) == expected


def test_metrics_at_the_start_of_a_text() -> None:
    # regression: an empty "previous character" was taken for 届
    assert figures("约三成农户") == [("30", "%", True)]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("牢牢守住十八亿亩耕地红线", "耕地红线"),
        ("还为居民增设了4台乒乓球台。", "乒乓球台"),
        ("为集体经济带来25万余元的营业收入。", "营业收入"),
        ("村(社区)“两委”成员平均年龄44.25岁,", "成员平均年龄"),
        ("风险消除率在76%左右,这说明", "风险消除率"),
        ("该项目群众满意度达到了98.36%,", "项目群众满意度"),
        ("每月医药费用支出要2000元左右,", "每月医药费用支出"),
        ("初中及以下学历较换届前减少65.45%;", "初中及以下学历"),
        ("对照16条“负面清单”,", "负面清单"),
        # issue 20: the noun phrase by jieba's tags, never a verb fragment
        ("目前已有300多名农民跟着他学种菜。", "农民"),  # the noun after a classifier
        ("各部门减少审批事项120项,", "审批事项"),  # the noun after the last verb
        ("全市农村危房已累计改造3.9万户。", "农村危房"),  # verbs trailing it
        ("镇里先后流转2000多亩土地。", "土地"),  # a verb takes it as object
        ("派出5000名驻村干部帮助脱贫。", "驻村干部"),  # a verb-noun compound
        ("今年一季度,福建GDP同比增长8.6%。", "GDP"),  # the place is its own link
        ("11月份社会消费品零售总额同比增长5%。", "社会消费品零售总额"),
    ],
)
def test_metrics_subject(text: str, subject: str) -> None:
    (metric,) = extract_metrics(make_doc(text))
    assert metric.attrs["subject"] == subject


@given(
    st.integers(min_value=0, max_value=9999), st.integers(min_value=0, max_value=9999)
)
@settings(deadline=None)
def test_metrics_figure_in_text_has_the_reference_value(wan: int, rest: int) -> None:
    """Any 万 figure written in a sentence parses to the value Decimal arithmetic gives."""
    text = f"全区共有居民{wan}.{rest:04d}万人。"
    ((value, unit, _),) = figures(text)
    assert Decimal(value) == Decimal(f"{wan}.{rest:04d}") * 10000
    assert unit == "人"


def test_metrics_er_ci_is_an_ordinal() -> None:
    # regression (hailar_2): 二次发掘 is the second excavation, not two of them
    assert figures("做好谢尔塔拉墓地二次发掘") == []
    assert figures("开展两次脱贫攻坚") == [("2", "次", False)]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        (
            "建成哈萨尔和东升路两个市民广场。",
            "市民广场",
        ),  # a classifier counts the noun after it
        ("推进学府路中学等14个项目,", "项目"),  # …等 N 个: the noun after
        (
            "实施奋斗镇1万亩节水灌溉等项目",
            "节水灌溉",
        ),  # a verb takes the figure as object
        ("地区生产总值增长20%,达到282亿元;", "地区生产总值"),  # the clause goes on
        ("义务教育巩固率保持在95%,", "义务教育巩固率"),
    ],
)
def test_metrics_subject_after_classifiers_verbs_and_lists(
    text: str, subject: str
) -> None:
    assert extract_metrics(make_doc(text))[-1].attrs["subject"] == subject


def test_metrics_not_inside_national_formulas() -> None:
    # regression (hailar_3): 中央八项规定, unquoted, is a name, not eight items
    assert figures("坚决贯彻中央八项规定,封存超标车辆12台") == [("12", "台", False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("200多万亩沙化土地得到治理", [("2000000", "亩", True)]),
        ("接待游客5000余万人次", [("50000000", "人次", True)]),
        ("毛建林四处调研后", []),  # an adverb
        ("华润雪花、三元乳业等重点企业", []),  # a company
        ("一亩田平均增收近300元", [("300", "元", True)]),  # per mu
        ("每人补贴五元。", [("5", "元", False)]),
    ],
)
def test_metrics_from_unannotated_held_out_texts(
    text: str, expected: list[tuple[str, str, bool]]
) -> None:
    assert figures(text) == expected


def test_metrics_subject_is_the_noun_not_the_rest_of_the_clause() -> None:
    # regression (hailar_3): 两个市民广场投入使用 → 市民广场; 4个村的 → 村
    (a,) = extract_metrics(make_doc("东升路两个市民广场投入使用。"))
    (b,) = extract_metrics(make_doc("4个村的安全饮水工程顺利完工。"))
    assert (a.attrs["subject"], b.attrs["subject"]) == ("市民广场", "村")


def _measured_in(text: str) -> dict[str, set[str]]:
    from kg.extract import extract
    from kg.link import link

    doc = make_doc(text)
    graph = link([(doc, extract(doc))])
    names = {e.id: e.name for e in graph.entities.values()}
    out: dict[str, set[str]] = {}
    for rel in graph.relations:
        if rel.predicate == "measured_in":
            out.setdefault(names[rel.subject], set()).add(names[rel.object])
    return out


def test_measured_in_a_town_of_the_focus_not_a_division_elsewhere() -> None:
    # regression (hailar_1): 新开通上海等航线6条 is measured in the district, not 上海
    text = (
        "海拉尔区政府工作报告\n\n海拉尔区实施奋斗镇1万亩节水灌溉。"
        "新开通上海等航线6条。海拉尔区新增就业5611人。"
    )
    places = _measured_in(text)
    assert places["1万亩"] == {"奋斗镇"}
    assert places["6条"] == {"海拉尔区"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("派出3.2万名驻村干部", ("32000", "名", False)),
        ("销售额是往年的两倍", ("2", "倍", False)),
        ("超过5万元", ("50000", "元", True)),
        ("增长2.5个百分点以上", ("2.5", "个百分点", True)),
        ("修建道路12公里", ("12", "公里", False)),
        ("年龄45岁", ("45", "岁", False)),
    ],
)
def test_metrics_examples_of_the_issue(
    text: str, expected: tuple[str, str, bool]
) -> None:
    assert figures(text) == [expected]


@pytest.mark.parametrize("text", [".", "3.", "三.", "1.2.3"])
def test_parse_chinese_number_refuses_a_point_without_digits(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_chinese_number(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发布了2022年版20幅标准地图", [("20", "幅", False)]),
        ("等八部影片分别获得大奖", [("8", "部", False)]),
        ("中欧班列累计开行超1.4万列", [("14000", "列", True)]),
        ("发送货物157.1万标箱", [("1571000", "标箱", False)]),
        ("验放进出境车辆超1270万辆次", [("12700000", "辆次", True)]),
        ("缴获各类假药7000余万粒", [("70000000", "粒", True)]),
        ("累计接种疫苗104974.4万剂次", [("1049744000", "剂次", False)]),
        ("京津冀3省市切实履行主体责任", [("3", "省市", False)]),
        ("医疗队分两批奔赴马里", [("2", "批", False)]),
        # 部 starting a word counts nothing (blind batch 3, bulk sample, seed 20)
        ("交通运输部等10部门联合出台", []),
        ("中宣部等六部委举行", []),
        ("新能源车零部件的产能", []),
        ("援助将分为三部分", []),
    ],
)
def test_metrics_national_news_classifiers(
    text: str, expected: list[tuple[str, str, bool]]
) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # an age followed by the common noun it is of (metric:subject.age-of)
        ("镇上70岁以上老人每月领取补贴。", "老人"),
        ("为6岁以下儿童免费体检。", "儿童"),
        ("一位92岁的奶奶拉着我的手。", "奶奶"),
        ("年满16岁的居民可以申领。", "居民"),
        # no noun after it or a time: the age itself
        ("张大爷今年已经91岁了。", "年龄"),
        ("她在20岁时离开了家乡。", "年龄"),
        ("老人家刚过了80岁生日。", "年龄"),
        # a person's name next to it: that person's age (metric:subject.age-name-tags)
        ("那一年，35岁的刘志强回到村里。", "刘志强年龄"),
        ("刘建华今年45岁，是村里的能人。", "刘建华年龄"),
        ("刘德胜80多岁的老母亲病了。", "年龄"),
    ],
)
def test_metrics_age_of_a_group(text: str, subject: str) -> None:
    ages = [
        m.attrs["subject"]
        for m in extract_metrics(make_doc(text))
        if str(m.attrs["unit"]).endswith("岁")
    ]
    assert ages == [subject]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # a change verb right after a figure is not the noun it counts
        ("全镇养殖户从120户减少到40户。", "养殖户"),
        ("茶园面积由原来的3万亩扩大到5万亩。", "茶园面积"),
        ("城区绿地率从30%提高到42%。", "城区绿地率"),
    ],
)
def test_metrics_change_verb_after_figure(text: str, subject: str) -> None:
    assert extract_metrics(make_doc(text))[0].attrs["subject"] == subject


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年引进农机80多台套。", [("80", "台套", True)]),
        ("县里新装了路灯200盏。", [("200", "盏", False)]),
        ("企业推出新品十余款。", [("10", "款", True)]),
        ("《办法》共5章40条。", [("5", "章", False), ("40", "条", False)]),
        ("村里打了9口机井。", [("9", "口", False)]),
        ("今年客流增加近4成。", [("40", "%", True)]),
        ("抢修队奋战了2个多小时。", [("2", "小时", True)]),
    ],
)
def test_metrics_units_of_national_news(
    text: str, expected: list[tuple[str, str, bool]]
) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "他们两口子在外打工。",
        "老两口住进了新房。",
        "工厂加工汽车零件。",
        "球场可踢七人制比赛。",
        "买入沪深300成分股。",
    ],
)
def test_metrics_words_with_a_figure_inside_are_not_figures(text: str) -> None:
    assert figures(text) == []


def test_metrics_a_span_framed_by_jingguo_measures_the_noun_after_de() -> None:
    doc = make_doc("救援队经过3个多小时的搜救，找到了被困群众。")
    (figure,) = extract_metrics(doc)
    assert figure.attrs["subject"] == "搜救"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("路面积水达半米深。", [("0.5", "米", False)]),
        ("坐船要三个半小时。", [("3.5", "小时", False)]),
        ("车程缩短到2个半小时左右。", [("2.5", "小时", True)]),
        ("会议开了半小时左右。", [("0.5", "小时", True)]),
        ("半年来，全镇新修道路8公里。", [("0.5", "年", False), ("8", "公里", False)]),
        ("今年上半年，全镇新修道路8公里。", [("8", "公里", False)]),
        ("半小时后，消防员赶到现场。", []),
    ],
)
def test_metrics_halves(text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全县使2.6万贫困人口稳定脱贫。", [("26000", "人", False)]),
        ("惠及沿线近80万群众。", [("800000", "人", True)]),
        ("全镇有3.5万人口。", [("35000", "人", False)]),
        ("让几百万农民增收。", []),
    ],
)
def test_metrics_counts_of_people_without_a_unit(
    text: str, expected: list[tuple[str, str, bool]]
) -> None:
    assert figures(text) == expected


def test_metrics_subject_of_a_headline_has_no_bracket_or_space() -> None:
    doc = make_doc("【十年巡礼】异地搬迁 800多万人住上新房")
    (figure,) = extract_metrics(doc)
    assert figure.attrs["subject"] == "异地搬迁"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("当地发生5.2级地震。", [("5.2", "级", False)]),
        ("阵风达到9级。", [("9", "级", False)]),
        ("2019级新生报到。", []),
        ("启动二级响应。", []),
        ("围绕就业、教育、医疗等三个领域。", [("3", "个", False)]),
        ("抓住三个关键。", []),
    ],
)
def test_metrics_magnitudes_and_list_totals(
    text: str, expected: list[tuple[str, str, bool]]
) -> None:
    assert figures(text) == expected


def test_lanes_and_tents_are_units() -> None:
    assert figures("新建大桥为双向六车道，主线隧道为双向4车道。") == [
        ("6", "车道", False),
        ("4", "车道", False),
    ]
    assert figures("当地调运了300多顶救灾帐篷。") == [("300", "顶", True)]


def test_counts_of_ge_in_words_with_a_scale_or_a_village() -> None:
    assert figures("这家工厂每天生产三万个零件。") == [("30000", "个", False)]
    assert figures("山洪过后还有三个村子没有通电。") == [("3", "个", False)]
    assert figures("要抓住两个关键。") == []


def test_speeds_basis_points_working_days_and_kuai_qian() -> None:
    assert figures("新线设计时速为每小时120公里。") == [("120", "公里/小时", False)]
    assert figures("列车设计速度250公里/小时。") == [("250", "公里/小时", False)]
    assert figures("每天步行12公里。") == [("12", "公里", False)]
    assert figures("央行将利率下调15个基点。") == [("15", "个基点", False)]
    assert figures("审批压缩到3个工作日。") == [("3", "个工作日", False)]
    assert figures("一张门票只要25块钱。") == [("25", "元", False)]


def test_one_hedged_spans_rough_ranges_and_large_units() -> None:
    assert figures("老李在城里打工一年多。") == [("1", "年", True)]
    assert figures("项目停工了一个多月。") == [("1", "个月", True)]
    assert figures("收入翻了一倍多。") == [("1", "倍", True)]
    assert figures("一年多前，他回到了家乡。") == []
    assert figures("每天要接七八十个电话。") == [("70", "个", True)]
    assert figures("全村募集了三亿六千多万元。") == [("360000000", "元", True)]


def test_codes_ranks_tricycles_and_column_titles() -> None:
    assert figures("乘坐G1234次高铁列车。") == []
    assert figures("人均GDP增速6.1%。") == [("6.1", "%", False)]
    assert figures("他们包揽了比赛前三名。") == []
    assert figures("目前3名患者已出院。") == [("3", "名", False)]
    assert figures("他骑着三轮车卖菜，保持两位数增长。") == []
    assert figures("【奋进的十年·乡村见闻】") == []


def test_buzu_and_budao_hedge_a_figure() -> None:
    assert figures("村里的森林覆盖率不足5%。") == [("5", "%", True)]
    assert figures("工程不到三年就完工了。") == [("3", "年", True)]
