"""The programme extractor: its steps, its decision tables and what links them.

Each rule's own examples live in kg/rules/programme/*.toml and are checked by
tests/test_rule_examples.py; the cases here are the classifier's decisions on a
table of cases, scope and runs_in on small documents, and regressions.
"""

from __future__ import annotations

import pytest

from kg.extract.programmes import classify, extract_programmes, lexicon
from tests.conftest import make_doc


def found(text: str) -> dict[str, str]:
    """Programme name → scope."""
    return {m.name: m.attrs["scope"] for m in extract_programmes(make_doc(text))}


def names(text: str) -> list[str]:
    return sorted(found(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("开展“三比三亮”赛出新业绩", ["三比三亮"]),
        ("完善“双网格”激发治理效能", ["双网格"]),
        ("“六单工作法”架起桥梁", ["六单工作法"]),
        ("以消费品为支柱的“1+3+1”现代工业产业体系", ["1+3+1现代工业产业体系"]),
        ("构建4+X乡村社会组织体系", ["4+X乡村社会组织体系"]),
        # unquoted schemes
        ("依托党建引领,实施先锋示范工程,打造党建示范点。", ["先锋示范工程"]),
        (
            "重庆还以巴渝和美乡村示范创建行动为抓手,系统实施改造。",
            ["巴渝和美乡村示范创建行动"],
        ),
        ("实施五大专项行动。", ["五大专项行动"]),
        # quoted names with their scheme word, levers, paired names, lists with 等
        ("建立“导师帮带制”,班子成员结对帮带年轻干部。", ["导师帮带制"]),
        ("持续实施“红细胞·微治理”工程,提高成效。", ["红细胞·微治理工程"]),
        (
            "以打造新时代“红岩先锋”变革型组织为抓手,坚持抓党建。",
            ["红岩先锋变革型组织"],
        ),
        (
            "推动“企业吹哨、部门报到”互动机制与平台融合运行。",
            ["企业吹哨、部门报到互动机制"],
        ),
        ("落实接访下访、“四级联排联调”、风险评估等工作机制。", ["四级联排联调"]),
        ("着力营造“123456”营商环境。", ["123456"]),
        ("采取“理论+技能+实践”的培养模式。", ["理论+技能+实践"]),
        ("用好“人才十条”政策。", ["人才十条政策"]),
        ("积案化解“百日会战”成效显著。", ["百日会战"]),
        ("“平安和谐满洲里”创建活动成效显著。", ["平安和谐满洲里"]),
        ("“城市管理提升年”活动扎实推进。", ["城市管理提升年"]),
        ("做大“六大资金池”规模和覆盖面。", ["六大资金池"]),
        ("开展“扶苗”“强树”计划。", ["强树计划", "扶苗计划"]),
    ],
)
def test_programmes_found(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "大力推行“一站式”服务、“一揽子”解决等措施。",  # dictionary words
        '把发展壮大村集体经济作为"一把手"工程来抓。',
        "携手隆昌市联合打造“双昌”产业园。",  # a park
        "围绕“建设现代化产业体系”等重点任务。",  # a quoted task
        "继续实施外立面改造工程,投资实施自来水管网改造工程。",  # construction jobs
        "积极打造民族教育“第一品牌”。",  # an ordinal
        "把生态文明建设纳入“五位一体”总体布局。",  # doctrine
        "土耳其发动代号为“幼发拉底盾牌”的军事行动。",  # 的 before the scheme word
        "发布拟加征关税的产品“初步清单”。",  # a dictionary word + 清单
        "加速从“卖产品”向“卖品牌”转型。",
        "生产、销售所谓“特供”“专供”等假酒犯罪活动。",
        "伊朗没有开展进一步军事行动的计划。",  # an adverb, not a name
        "当地深化落实企业专员服务机制。",  # 机制 ends descriptions when unquoted
        "树牢“四个意识”,坚定“四个自信”。",  # doctrine
        "发挥“头雁效应”,下足“绣花功夫”。",  # metaphors
        "兴隆村获评“全国文明村”。",  # an honour received
        "以“在祖国的怀抱中”为主题举办展览。",  # a theme
        "推动中格战略伙伴关系发展。",  # 战略 goes on into a compound
        "高级工程师李某介绍。",
        "健全完善利益联结机制。",
        "实施中央桥至伊敏桥西岸景观改造工程。",
        "他说:“选出好干部、配出好班子、换出好风气。”",
    ],
)
def test_programmes_not_found(text: str) -> None:
    assert names(text) == []


# The classifier's decisions: (name, before, after, source) → class.
@pytest.mark.parametrize(
    ("name", "before", "after", "source", "cls"),
    [
        ("三比三亮", "开展", "赛出", "quoted", "programme"),
        ("河长制", "", "", "lexicon", "programme"),
        ("两个确立", "", "", "quoted", "doctrine"),
        ("中国式现代化", "", "", "quoted", "doctrine"),
        ("五位一体", "", "总体布局", "quoted", "doctrine"),
        ("五位一体", "", "信访平台", "quoted", "programme"),
        ("头雁效应", "", "", "quoted", "metaphor"),
        ("最后一公里", "", "", "quoted", "metaphor"),
        ("时代楷模", "", "", "quoted", "honour"),
        ("全国文明村", "兴隆村获评", "", "quoted", "honour"),
        ("红白理事会", "成立", "", "quoted", "organisation"),
        ("选出好干部、配出好班子。", "", "", "quoted", "quotation"),
        ("一站式", "推行", "服务", "quoted", "other"),
        ("双昌", "打造", "产业园", "quoted", "other"),
        ("民生工程", "", "", "scheme", "other"),
        ("百亿民生工程", "", "", "scheme", "programme"),
        ("产业升级工程", "", "", "scheme", "programme"),
        ("景观改造工程", "", "", "scheme", "other"),
        ("第六次人口普查", "", "", "scheme", "programme"),
    ],
)
def test_classifier_table(
    name: str, before: str, after: str, source: str, cls: str
) -> None:
    assert classify(name, before, after, source)[0] == cls


@pytest.mark.parametrize(
    ("text", "name", "scope"),
    [
        ("全面推行河长制,大力推进厕所革命。", "河长制", "national"),
        ("实施乡村建设行动。", "乡村建设行动", "national"),
        ("推进“互联网+政务服务”。", "互联网+政务服务", "national"),
        ("坚持“两学一做”常态化。", "两学一做学习教育", "national"),
        ("深入贯彻自治区“8337”发展思路。", "8337发展思路", "provincial"),
        ("以实施自治区“四大行动”为切入点。", "四大行动", "provincial"),
        ("持续创建全国文明城市,争创国家森林城市。", "创建全国文明城市", "national"),
        ("全面开展第六次人口普查。", "第六次人口普查", "national"),
        ("开展“三比三亮”活动。", "三比三亮", "local"),
        ("实施经营主体倍增计划。", "经营主体倍增计划", "local"),
    ],
)
def test_programme_scope(text: str, name: str, scope: str) -> None:
    assert found(text)[name] == scope


def test_lexicon_aliases_name_the_lexicons_programme() -> None:
    # 乡村振兴 is an alias of 乡村振兴战略: one node, the spelling kept as an alias
    (mention,) = extract_programmes(make_doc("全面推进乡村振兴,"))
    assert mention.name == "乡村振兴战略"
    assert mention.attrs["aliases"] == ["乡村振兴"]
    assert lexicon()["菜篮子"].scope == "national"


def test_a_quoted_lexicon_name_with_its_scheme_word_keeps_the_lexicon_name() -> None:
    # regression (hailar_1): “菜篮子”工程 and 菜篮子 made two nodes
    (mention,) = extract_programmes(make_doc("实施“菜篮子”工程,"))
    assert mention.name == "菜篮子"
    assert "菜篮子工程" in mention.attrs["aliases"]


def test_two_full_names_of_one_quoted_name_are_one_programme() -> None:
    # regression (hailar_3): 自治区“8337”发展思路 … 落实“8337”思路
    text = "贯彻自治区“8337”发展思路。落实“8337”思路重点项目。"
    assert found(text) == {"8337发展思路": "provincial"}


def test_a_list_of_heads_shares_its_scheme_word() -> None:
    text = "实施产业升级、技改升级、龙头带动和创新驱动工程,"
    assert names(text) == [
        "产业升级工程",
        "创新驱动工程",
        "技改升级工程",
        "龙头带动工程",
    ]
    # parallel parts without 和 make one name
    assert names("深入实施大企业入驻、大项目带动战略,") == [
        "大企业入驻、大项目带动战略"
    ]


def test_programmes_components_in_parentheses() -> None:
    doc = make_doc("开展“三比三亮”(比能力亮素质、比服务亮承诺、比业绩亮变化)活动")
    (mention,) = extract_programmes(doc)
    assert mention.attrs["components"] == [
        "比能力亮素质",
        "比服务亮承诺",
        "比业绩亮变化",
    ]


def test_programmes_quoted_parts_of_a_formula_are_components() -> None:
    doc = make_doc("打造“三专三辅”乡村文化人才队伍。一是“三专”引领,二是“三辅”补充。")
    (first,) = extract_programmes(doc)
    assert first.name == "三专三辅"
    assert first.attrs["components"] == ["三专", "三辅"]


def test_programmes_enumerated_listing_gets_its_parts() -> None:
    text = "突出大抓制造业、大抓科技创新、大抓民营经济“三大抓手”,实施专项行动。"
    (mention,) = extract_programmes(make_doc(text))
    assert mention.name == "三大抓手"
    assert mention.attrs["components"] == ["大抓制造业", "大抓科技创新", "大抓民营经济"]


def test_programmes_listing_needs_as_many_parts_as_it_counts() -> None:
    assert names("农村厕所、污水三大改造整治工程。") == []
    assert names("系统实施农村厕所、污水、垃圾三大改造整治工程。") == [
        "三大改造整治工程"
    ]


def test_programmes_another_formula_is_not_a_counted_part() -> None:
    # regression (seed 002): 三会 got 四会 as a component because both end in 会
    doc = make_doc("举办“三会”活动。开展“四会”评比活动。")
    comps = {m.name: m.attrs["components"] for m in extract_programmes(doc)}
    assert comps["三会"] == []


def test_a_formulas_own_number_is_not_a_metric() -> None:
    from kg.extract import extract

    doc = make_doc("实施“五个1000”行动,建成12345热线平台,新增岗位300个。")
    metrics = [m.text for m in extract(doc) if m.label == "metric"]
    assert metrics == ["300个"]


def _runs_in(text: str) -> dict[str, set[str]]:
    from kg.extract import extract
    from kg.link import link

    doc = make_doc(text)
    graph = link([(doc, extract(doc))])
    names = {e.id: e.name for e in graph.entities.values()}
    out: dict[str, set[str]] = {}
    for rel in graph.relations:
        if rel.predicate == "runs_in":
            out.setdefault(names[rel.subject], set()).add(names[rel.object])
    return out


def test_runs_in_the_district_named_not_the_province_above_it() -> None:
    runs = _runs_in("重庆市璧山区打造“五新”样板,开展“三比三亮”活动。")
    assert runs["五新样板"] == {"璧山区"}


def test_runs_in_the_article_focus_when_the_sentence_names_no_place() -> None:
    runs = _runs_in("梁平区召开会议。\n\n会议要求,开展“三比三亮”活动,完善“双网格”。")
    assert runs["三比三亮"] == {"梁平区"}


def test_runs_in_not_the_villages_where_the_work_is_done() -> None:
    # regression (seed 000): 打造江北村、关口村党建示范点 are sites, 双凤镇 runs it
    runs = _runs_in(
        "合川区双凤镇依托党建引领,实施先锋示范工程,打造江北村、关口村党建示范点。"
    )
    assert runs["先锋示范工程"] == {"双凤镇"}


def test_runs_in_a_national_programme_where_the_text_carries_it_out() -> None:
    runs = _runs_in("梁平区全面推行河长制,守护一江碧水。")
    assert runs["河长制"] == {"梁平区"}


@pytest.mark.parametrize(
    ("text", "name", "parts"),
    [
        (
            "健全信、访、网、电、视频“五位一体”信访平台。",
            "五位一体信访平台",
            ["信", "访", "网", "电", "视频"],
        ),
        (
            "推进“五治融合”治理形式。不断推进政治、法治、德治、自治、智治“五治”融合治理。",
            "五治融合",
            ["政治", "法治", "德治", "自治", "智治"],
        ),
        (
            "探索“六联”治理模式。探索形成“联抓、联促、联建、联兴、联心、联办”的“六联”新模式。",
            "六联治理模式",
            ["联抓", "联促", "联建", "联兴", "联心", "联办"],
        ),
        (
            "完善“双网格”机制。推进网上网格与实体网格“双网格化治理”。",
            "双网格机制",
            ["网上网格", "实体网格"],
        ),
        (
            "采取“理论+技能+实践”的培养模式。",
            "理论+技能+实践",
            ["理论", "技能", "实践"],
        ),
    ],
)
def test_programmes_components_spelled_out_before(
    text: str, name: str, parts: list[str]
) -> None:
    found = {m.name: m.attrs["components"] for m in extract_programmes(make_doc(text))}
    assert found[name] == parts


def test_programmes_a_clause_before_a_formula_is_not_its_parts() -> None:
    # regression (seed 004): 开展“三比三亮”赛出新业绩、完善“双网格” gave 双网格 two "parts"
    text = "开展“三比三亮”赛出新业绩、完善“双网格”激发治理效能。"
    found = {m.name: m.attrs["components"] for m in extract_programmes(make_doc(text))}
    assert found["双网格"] == []


def _relations(text: str, predicate: str) -> set[tuple[str, str]]:
    from kg.extract import extract
    from kg.link import link

    doc = make_doc(text)
    graph = link([(doc, extract(doc))])
    names = {e.id: e.name for e in graph.entities.values()}
    return {
        (names[r.subject], names[r.object])
        for r in graph.relations
        if r.predicate == predicate
    }


def test_variants_are_linked_not_merged() -> None:
    # 三比三亮 (梁平) and 三亮三比 (隆兴镇): the same parts in another order
    text = (
        "梁平区开展“三比三亮”活动,“三比三亮”赛出新业绩。\n\n隆兴镇开展“三亮三比”活动。"
    )
    assert _relations(text, "variant_of") == {("三亮三比", "三比三亮")}


def test_a_figure_measures_the_programme_of_its_sentence() -> None:
    text = "梁平区推行“双网格”,全区有1380个网格员。"
    (metric_programme,) = _relations(text, "measures")
    assert metric_programme[1] == "双网格"


def test_one_sense_per_corpus() -> None:
    # A name one document gave a programme (quoted) is a programme in another that
    # writes it without quotes; it runs in that document's focus place.
    from kg.extract import extract
    from kg.ingest import parse_document
    from kg.link import link

    first = parse_document("梁平区开展“院坝三议”活动,效果明显。", "a.txt")
    second = parse_document("合川区双凤镇学习院坝三议做法,推动基层治理。", "b.txt")
    docs = [(d, extract(d)) for d in (first, second)]
    alone = link(docs)
    assert {m.doc_id for m in alone.entities["programme:院坝三议"].mentions} == {
        "a.txt"
    }
    graph = link(docs, corpus_pass=True)
    entity = graph.entities["programme:院坝三议"]
    assert {m.doc_id for m in entity.mentions} == {"a.txt", "b.txt"}
    assert {m.rule for m in entity.mentions if m.doc_id == "b.txt"} == {
        "programme:step.corpus"
    }
    runs = {r.object for r in graph.relations if r.predicate == "runs_in"}
    assert "place:500117102" in runs or any(o.startswith("place:500117") for o in runs)


def test_runs_in_the_village_an_article_is_about() -> None:
    text = (
        "石柱县华溪村发展甜蜜产业\n\n"
        "在石柱土家族自治县中益乡华溪村,村民实施“蜜蜂人家”计划。"
        "华溪村的蜂蜜远销各地,华溪村成了产业村。"
    )
    runs = _runs_in(text)
    assert runs["蜜蜂人家计划"] == {"华溪村"}


def test_runs_in_not_another_province_named_beside_it() -> None:
    # a city's report: 对接北京 names a partner, not where the plan runs
    text = "保定市推进协同发展。\n\n保定市实施“百校千企”行动,主动对接北京市资源。"
    runs = _runs_in(text)
    assert runs["百校千企行动"] == {"保定市"}


def test_runs_in_not_the_places_of_a_visit() -> None:
    # places a visitor went to are not where the programmes he asked about run
    text = (
        "古田县召开会议，古田县部署工作。"
        "部长先后到屏南县、寿宁县走访，询问乡村振兴和易地扶贫搬迁等进展。"
    )
    runs = _runs_in(text)
    assert "屏南县" not in runs.get("乡村振兴战略", set())
    assert "寿宁县" not in runs.get("乡村振兴战略", set())


def test_runs_in_not_a_place_that_names_other_work() -> None:
    # 建设永川镇新城区: a site of other work in a later clause, not the subject
    text = (
        "长寿区召开会议，长寿区部署工作。"
        "处理好新农村建设与产业发展的关系，加快建设双龙镇新城区和凤城街道商贸区。"
    )
    assert _runs_in(text)["新农村建设"] == {"长寿区"}


def test_runs_in_the_place_that_opens_the_next_clause() -> None:
    # 在…活动中，云南省坚持…: the place that opens a clause is the one acting
    text = (
        "昆明市召开会议，昆明市部署工作。"
        "在党的群众路线教育实践活动中，云南省注重解决群众反映强烈的问题。"
    )
    assert _runs_in(text)["党的群众路线教育实践活动"] == {"云南省"}


def test_runs_in_the_place_where_a_programme_is_launched() -> None:
    # …活动昨天在四川省凉山彝族自治州昭觉县启动: after 在, a chain of places
    text = (
        "成都市召开会议，成都市部署工作。"
        "全国“三下乡”活动昨天在四川省凉山彝族自治州昭觉县启动。"
    )
    assert "昭觉县" in _runs_in(text)["三下乡"]


def test_no_runs_in_for_a_national_programme_in_reported_words() -> None:
    # 部长指出，…: a national programme in someone's words, no place of its own
    text = "部长在南阳市座谈。部长指出，各地要打赢脱贫攻坚战，推进乡村振兴。"
    runs = _runs_in(text)
    assert not runs.get("脱贫攻坚") and not runs.get("乡村振兴战略")


def test_runs_in_the_place_a_reported_instruction_names() -> None:
    # 强调，四川要…: the place the words name still acts
    text = "总书记在四川考察时强调，四川要认真落实西部大开发战略，推进乡村振兴。"
    assert _runs_in(text)["西部大开发战略"] == {"四川省"}


def test_a_province_carrying_out_its_own_programme_keeps_it_local() -> None:
    # gold convention (tests/gold/README.md, scope): a province's own programme that
    # the province itself carries out is local; provincial only where places below act
    from kg.extract import extract
    from kg.link import link

    doc = make_doc("福建省出台《关于实施乡村教师培优三年行动的意见》,今年投入10亿元。")
    graph = link([(doc, extract(doc))])
    entity = graph.entities["programme:乡村教师培优三年行动"]
    assert entity.attrs["scope"] == "local"
    doc = make_doc("福建省各市县开展《乡村教师培优三年行动》,今年投入10亿元。")
    graph = link([(doc, extract(doc))])
    entity = graph.entities["programme:乡村教师培优三年行动"]
    assert entity.attrs["scope"] == "provincial"


def test_a_counted_listing_gets_the_schemes_it_counts() -> None:
    text = (
        "实施五大专项行动。一是制造业高质量发展专项行动,二是科技创新提质专项行动,"
        "三是民营经济发展壮大专项行动,四是招商引资突破专项行动,五是抓项目促投资专项行动。"
    )
    found = {m.name: m.attrs["components"] for m in extract_programmes(make_doc(text))}
    assert len(found["五大专项行动"]) == 5
    assert "科技创新提质专项行动" in found  # a part, and a programme of its own


def test_a_name_that_lists_its_parts() -> None:
    text = "推行“马上办、网上办、就近办、一次办”服务。"
    (mention,) = extract_programmes(make_doc(text))
    assert mention.attrs["components"] == ["马上办", "网上办", "就近办", "一次办"]


def test_two_character_heads_before_one_scheme_word_are_schemes_each() -> None:
    # 打好碧水、净土、蓝天保卫战: three schemes; items of three characters and more
    # (大企业入驻、大项目带动战略) stay one name
    names = [
        m.name for m in extract_programmes(make_doc("坚决打好碧水、净土、蓝天保卫战。"))
    ]
    assert names == ["碧水保卫战", "净土保卫战", "蓝天保卫战"]
    names = [
        m.name for m in extract_programmes(make_doc("实施大企业入驻、大项目带动战略。"))
    ]
    assert names == ["大企业入驻、大项目带动战略"]


def test_a_quoted_list_of_one_or_two_character_items_is_no_programme() -> None:
    text = "采取“演、唱、画、写”等形式宣讲政策，落实“人、车、场所”同防措施。"
    assert extract_programmes(make_doc(text)) == []


def test_a_quoted_list_of_short_items_with_a_scheme_word_is_a_programme() -> None:
    found = extract_programmes(make_doc("推行村务“商、定、办、督”制度。"))
    assert [m.name for m in found] == ["商、定、办、督制度"]


def test_a_creation_drive_keeps_its_bracketed_alternative_level() -> None:
    # 创建国家级卫生县（市）城: the bracket is part of the honour the drive aims at
    found = extract_programmes(make_doc("全力创建国家级卫生县（市）城，改善人居环境。"))
    assert [(m.name, m.attrs["scope"]) for m in found] == [
        ("创建国家级卫生县(市)城", "national")
    ]


def test_quotation_marks_inside_a_name_are_not_part_of_it() -> None:
    found = extract_programmes(make_doc("工地上开展“平安‘护航’、温暖同行”专项行动。"))
    assert [m.name for m in found] == ["平安护航、温暖同行专项行动"]
    assert "平安‘护航’、温暖同行专项行动" in found[0].attrs["aliases"]


def test_no_runs_in_for_a_national_programme_from_a_place_named_once() -> None:
    # a state visit names 苏州工业园区 once: the article is not about it carrying out
    # national programmes; named twice (or in the title), it is
    once = (
        "两国领导人举行会谈\n\n两国领导人今天举行会谈。"
        "双方回顾了屏南县合作项目的成果，同意推进乡村振兴领域合作。"
    )
    assert not _runs_in(once).get("乡村振兴战略")
    twice = (
        "屏南县召开大会\n\n屏南县今天召开大会。"
        "会议部署工作，要求推进乡村振兴，扎实做好各项工作。"
    )
    assert _runs_in(twice)["乡村振兴战略"] == {"屏南县"}


def test_a_quoted_part_with_a_scheme_word_after_it_is_still_a_part() -> None:
    text = (
        "推行“一学二帮三提升”机制，抓好“一学”，做实“二帮”，"
        "完善覆盖全体干部的“三提升”体系。"
    )
    found = extract_programmes(make_doc(text))
    assert [m.name for m in found] == ["一学二帮三提升机制"]
    assert found[0].attrs["components"] == ["一学", "二帮", "三提升"]


def test_a_brand_label_ending_in_zihao_is_no_programme() -> None:
    text = "打造“川字号”“村字号”特色产业品牌，开展“院坝三议”活动。"
    assert [m.name for m in extract_programmes(make_doc(text))] == ["院坝三议"]


def test_runs_in_the_province_when_the_whole_province_carries_it_out() -> None:
    text = (
        "屏南县召开会议\n\n屏南县召开会议，屏南县部署工作。"
        "全省各地在“比学赶超”活动中争当先锋。"
    )
    assert _runs_in(text)["比学赶超"] == {"福建省"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "推进传统制造升级、园区环境提质和数字经济培育三大工程。",
            ["传统制造升级工程", "园区环境提质工程", "数字经济培育工程"],
        ),
        # heads of one or two characters are one formula's letters (round 18): one
        # listing, the campaigns its components (programme:pattern.formula-letters)
        ("坚决打好蓝天、碧水、净土三大保卫战。", ["三大保卫战"]),
        ("实施农村厕所、污水、垃圾三大改造整治工程。", ["三大改造整治工程"]),
        # the list starts inside a long first item: no name is cut from it
        (
            "组织实施智慧农业公共服务能力提升、重点领域应用拓展和示范带动等三大行动。",
            ["三大行动"],
        ),
    ],
)
def test_counted_list_of_heads_names_one_scheme_each(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected, not_expected",
    [
        (
            "要在新时代创新驱动发展战略中展现担当。",
            "创新驱动发展战略",
            "新时代创新驱动发展战略",
        ),
        (
            "各地持续深化并扩大长期护理保险试点范围。",
            "长期护理保险试点",
            "扩大长期护理保险试点",
        ),
        ("由国务院南水北调工程建设委员会负责。", "南水北调工程", "国务院南水北调工程"),
        ("打好三年污染防治攻坚战的关键一年。", "污染防治攻坚战", "三年污染防治攻坚战"),
    ],
)
def test_words_glued_before_a_lexicon_programme_are_no_part_of_it(
    text: str, expected: str, not_expected: str
) -> None:
    got = names(text)
    assert expected in got and not_expected not in got


def test_a_noun_before_a_lexicon_programme_stays_in_the_name() -> None:
    assert "特岗计划" not in names("全面实施农村义务教育教师特岗计划。")


def test_a_plan_the_nation_issues_under_a_book_title_is_national() -> None:
    assert found("去年，国家正式出台《农村医生支持计划》。").get(
        "农村医生支持计划"
    ) == ("national")


def test_a_quoted_name_takes_its_three_year_action_plan() -> None:
    assert "绿满山乡三年行动计划" in names(
        "县里启动“绿满山乡”三年行动计划，着力改善环境。"
    )
    # 行动计划 alone after a gap is no tail of a known programme
    assert "一带一路" in names("推进“一带一路”科技创新行动计划。")


def test_a_lexicon_construction_written_verb_first_is_the_same_programme() -> None:
    got = found("会议强调，要加快建设海南自由贸易港。")
    assert got.get("海南自由贸易港建设") == "national"
    # a known name glued after a noun phrase ending in the verb-first alias: the
    # shorter known name is tried next (高质量建设|…)
    assert "高质量建设两岸融合发展示范区" not in names(
        "推动高质量建设两岸融合发展示范区。"
    )


def test_a_designated_campaign_year_is_a_programme() -> None:
    assert "招商引资突破年" in names("全市把今年确定为招商引资突破年，各部门分头落实。")
    assert "服务质量提升年" in names("该省将2022年定为服务质量提升年。")
    # an exchange year of two countries, a year described, a year counted: none
    assert names("两国宣布2026年为中南人文交流年。") == []
    assert names("要把今年作为攻坚之年。") == []
    assert names("将2016年作为开局一年。") == []


def test_a_quoted_slogan_of_comma_joined_parts_before_a_scheme_word() -> None:
    assert "先诊疗,后付费制度" in names("试点地区推行“先诊疗，后付费”制度。")
    assert "产业兴村,电商强村计划" in names("全县启动“产业兴村，电商强村”计划。")
    # without a scheme word after it, or parts of unequal length: a slogan
    assert names("“晒成绩，比干劲”，几天来热闹非凡。") == []
    assert names("实施“产业兴村，电子商务强村”计划。") == []


def test_the_nation_owns_a_programme_written_after_a_qualifier() -> None:
    assert (
        found("国家新一轮“湿地生态补偿机制”已经启动。").get("湿地生态补偿机制")
        == "national"
    )
    assert found("开展新一轮“三比三亮”活动。").get("三比三亮") == "local"


def test_a_programme_our_country_launches_is_national() -> None:
    assert (
        found("我国还实施了《湿地保护修复专项行动计划》。").get(
            "湿地保护修复专项行动计划"
        )
        == "national"
    )


def test_a_listed_name_ending_like_the_scheme_word_takes_no_share_of_it() -> None:
    got = names("推动全县融入成渝经济区、川南生态示范区建设。")
    assert "成渝经济区示范区" not in got
    assert names("深入打好蓝天、碧水、净土保卫战。") == [
        "净土保卫战",
        "碧水保卫战",
        "蓝天保卫战",
    ]


def test_a_quoted_slogan_of_parts_before_an_activity_is_a_programme() -> None:
    got = found("团中央“学理论、强本领、勇于担当”活动今天启动。")
    assert got.get("学理论、强本领、勇于担当") == "national"
    # a quoted phrase of the same length without parts is no such slogan
    assert "中国远征军阵亡将士纪念" not in names(
        "举行“中国远征军阵亡将士纪念”公祭活动。"
    )


def test_a_name_read_on_by_a_common_word_is_no_straddle() -> None:
    from kg.extract.programmes import straddles

    # 乡村振兴|建设: 兴建 is a word, but 建设 reads on as a word of its own
    text = "今年，乡村振兴建设全面提速。"
    start = text.index("乡村振兴")
    assert not straddles(text, start, start + 4)
    # 防护网: the match's first character makes a word with the one before
    text = "加固防护网格化管理。"
    start = text.index("护网格化")
    assert straddles(text, start, start + 4)


@pytest.mark.parametrize(
    "text",
    [
        "今年，该县还计划新建三所学校。",
        "省里也规划在沿江布局产业。",
        "项目按原计划推进。",
    ],
)
def test_plan_after_an_adverb_is_a_verb_not_a_name(text: str) -> None:
    assert names(text) == []


def test_a_plan_with_a_coined_head_is_still_a_name() -> None:
    assert "人才引育计划" in names("全县实施人才引育计划。")


def test_two_names_joined_after_construction_are_split() -> None:
    got = names("推进滨江新区建设和集体林权制度改革。")
    assert "集体林权制度改革" in got
    assert not any("和" in n for n in got)


def test_construction_and_management_of_one_object_stays_one_name() -> None:
    assert "农村公路建设和管理行动" in names("开展农村公路建设和管理行动。")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "全市广泛开展“传承红色基因，争当时代先锋”等主题教育活动。",
            "传承红色基因,争当时代先锋",
        ),
        (
            "昨天；“守护一江清水 共建美丽家园”的环保志愿活动在县城举行。",
            "守护一江清水 共建美丽家园",
        ),
    ],
)
def test_a_quoted_slogan_of_parts_called_an_activity_is_a_programme(
    text: str, name: str
) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "他说：“传承红色基因，争当时代先锋”。",
        "实现了“线下服务到家，线上预约到人”志愿活动的新模式。",
        "围绕“品质生活 消费升级”的主题推出系列活动。",
    ],
)
def test_a_quoted_sentence_or_theme_is_no_slogan_programme(text: str) -> None:
    assert not any(("，" in n or "," in n or " " in n) for n in names(text))


def test_the_whole_army_launching_a_campaign_makes_it_national() -> None:
    got = found("全军和武警部队广泛开展“传承红色基因，争当时代先锋”等主题教育活动。")
    assert got.get("传承红色基因,争当时代先锋") == "national"


def test_corpus_step_copies_no_name_the_review_refused() -> None:
    """programme:words.corpus-refused-classes: a phrase the lexicon's review rejected
    (lexicon-rejected.txt, lexicon-read.txt) or filed as doctrine is not copied to the
    other documents of a corpus; a coined name still is."""
    from kg.link import corpus_copies

    assert corpus_copies("开展“院坝五议”活动。||学习院坝五议做法。") == "院坝五议"
    assert corpus_copies("医院开通“绿色通道”服务患者。||银行建立理赔绿色通道。") == ""
    assert corpus_copies("开展“发展新质生产力”活动。||要因地制宜发展新质生产力。") == ""
    assert (
        corpus_copies("开展“不忘初心、牢记使命”主题教育。||党员要不忘初心、牢记使命。")
        == ""
    )
