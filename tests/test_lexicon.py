"""The programme lexicon (kg/rules/programme/lexicon.tsv) and its mining script.

How the lexicon was made and checked: kg/rules/programme/README.md.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from kg.extract.programmes import classify, lexicon, rejected

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "kg" / "rules" / "programme"
CLASSES = {"programme", "doctrine", "metaphor", "honour", "organisation", "other"}
SCOPES = {"national", "provincial", "local"}


def _rows() -> list[list[str]]:
    lines = (FOLDER / "lexicon.tsv").read_text(encoding="utf-8").splitlines()
    rows = [ln.split("\t") for ln in lines if ln and not ln.startswith("#")]
    assert rows[0] == ["name", "class", "scope", "aliases", "docs"]
    return rows[1:]


def _listed(name: str) -> set[str]:
    text = (FOLDER / name).read_text(encoding="utf-8")
    return {w for ln in text.splitlines() if (w := ln.split("#", 1)[0].strip())}


def test_every_row_has_a_class_a_scope_for_programmes_and_a_count() -> None:
    for row in _rows():
        assert len(row) == 5, row
        name, cls, scope, aliases, docs = row
        assert name == name.strip() and name, row
        assert cls in CLASSES, row
        assert (scope in SCOPES) if cls == "programme" else scope == "", row
        assert docs.isdigit(), row
        assert name not in aliases.split("|"), row


def test_no_name_or_alias_belongs_to_two_entries() -> None:
    seen: dict[str, str] = {}
    for name, _, _, aliases, _ in _rows():
        for n in [name, *filter(None, aliases.split("|"))]:
            assert n not in seen, (n, seen.get(n), name)
            seen[n] = name


def test_a_national_prefix_makes_no_second_entry() -> None:
    """全民X, 全国X, 首都X, 国家X beside an entry X are one programme: two entries
    made two nodes when a text wrote both forms (first contact of batch 16)."""
    rows = {name: cls for name, cls, _, _, _ in _rows()}
    for name, cls in rows.items():
        for prefix in ("全民", "全国", "首都", "国家"):
            base = name.removeprefix(prefix)
            if base != name and cls == "programme":
                assert rows.get(base) != "programme", (name, base)


def test_a_name_is_entered_or_rejected_never_both() -> None:
    names = set(lexicon())
    assert not names & _listed("lexicon-rejected.txt")
    assert not names & _listed("lexicon-read.txt")
    assert not _listed("lexicon-rejected.txt") & _listed("lexicon-read.txt")


def test_the_read_only_rejections_are_not_generic_tails_for_the_extractor() -> None:
    # 专项行动 read and rejected, but 净网专项行动 must not become "a modifier + a
    # generic phrase": the extractor does not read lexicon-read.txt
    assert "专项行动" in _listed("lexicon-read.txt")
    assert "专项行动" not in rejected()


@pytest.mark.parametrize(
    ("name", "source", "expect"),
    [
        ("林长制", "lexicon", "programme"),  # the recall round (--objects)
        ("中欧班列", "lexicon", "programme"),
        ("保障性安居工程", "scheme", "programme"),  # its tail 安居工程 is rejected
        ("十四五重大工程", "quoted", "other"),  # generic, the review pass
        ("百名红通", "quoted", "other"),  # a list of fugitives, not a drive
        ("四水四定", "quoted", "doctrine"),  # a principle
        ("枫桥式公安派出所", "quoted", "honour"),  # a title the stations receive
        ("以工代赈", "lexicon", "programme"),  # the bare round (--bare)
        ("国家助学贷款", "lexicon", "programme"),
        ("奶业振兴", "lexicon", "programme"),  # --bare --tails
    ],
)
def test_review_decisions(name: str, source: str, expect: str) -> None:
    assert classify(name, source=source)[0] == expect


def test_scope_of_a_province_s_programme() -> None:
    assert lexicon()["千万吨粮食增产计划"].scope == "provincial"  # 黑龙江
    assert lexicon()["最多跑一次"].scope == "provincial"  # 浙江
    assert lexicon()["河长制"].scope == "national"


def _miner():
    spec = importlib.util.spec_from_file_location(
        "mine_programmes", ROOT / "scripts" / "mine_programmes.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["mine_programmes"] = module
    spec.loader.exec_module(module)
    return module


def test_objects_of_a_launch_verb_are_mined() -> None:
    mp = _miner()
    texts = [
        "各地全面推行山长制，守护青山。",
        "该县推行山长制以来，林地面积增加。",
        "省里实行山长制和塘长制。",
        "我们要深入推进务实合作，落实好政策。",
        "开展工作，推进到底。",
    ]
    ev, _ = mp.mine_objects(iter(texts))
    assert ev["山长制"]["object"] == 3
    assert mp.keep_object("山长制", ev["山长制"], 3)
    assert "塘长制" not in ev  # after 和, not the object of a verb
    assert not any(n.startswith(("好", "到")) for n in ev)  # 落实好, 推进到
    assert not mp.keep_object("务实合作", ev["务实合作"], 1)  # no scheme word
    assert not mp.keep_object("工作", ev["工作"], 1)  # ordinary vocabulary


def test_an_object_ending_in_a_generic_system_word_is_not_kept() -> None:
    mp = _miner()
    ev, _ = mp.mine_objects(iter(["深化科技管理体制改革", "深化科技管理体制。"] * 3))
    assert not mp.keep_object("科技管理体制", ev["科技管理体制"], 1)


def _programme_names(text: str) -> set[str]:
    from tests.conftest import linked_graph

    graph = linked_graph(text)
    return {
        a["name"] for _, a in graph.nodes(data=True) if a.get("type") == "programme"
    }


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # national programmes that news writes bare, without a scheme word
        ("全镇新农合参合率达到百分之九十九。", "新农合"),
        ("该县新型农村合作医疗覆盖全部农户。", "新农合"),
        ("去年全县完成退耕还林两万亩。", "退耕还林"),
        ("林业局落实退耕还林还草补助资金。", "退耕还林"),
        ("省里启动新一轮退耕还林还草，涉及十个县。", "新一轮退耕还林还草"),
    ],
)
def test_bare_national_programmes_of_the_lexicon(text: str, expect: str) -> None:
    assert expect in _programme_names(text)


def test_the_new_round_is_not_read_as_the_first_programme() -> None:
    # 新一轮退耕还林还草 (2014) is its own programme: the longer name wins
    assert "退耕还林" not in _programme_names("全市实施新一轮退耕还林还草。")


def test_bare_names_are_found_without_quotes_or_a_scheme_word() -> None:
    from kg.extract.programmes import _lexicon_names

    text = "县里扩大以工代赈投资，发放国家助学贷款，推进就业扶贫、科技扶贫。"
    found = {c.name for c in _lexicon_names(text)}
    assert {"以工代赈", "国家助学贷款", "就业扶贫", "科技扶贫"} <= found
    # held back or read, not entered: generic phrases stay out
    assert not {
        c.name for c in _lexicon_names("推动产业发展和乡村旅游，加强务实合作。")
    }


def test_the_bare_round_keeps_names_in_two_positions() -> None:
    mine = _miner()
    ev, _ = mine.mine_bare(
        iter(
            [
                "推进以工代赈，以工代赈项目。",
                "实施以工代赈工程，以工代赈、",
                "以工代赈资金",
            ]
        )
    )
    assert mine.keep_bare("以工代赈", ev["以工代赈"], 2)
    ev, _ = mine.mine_bare(iter(["务实合作。"] * 5))
    assert not mine.keep_bare("务实合作", ev["务实合作"], 2)  # alone only


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # step 17: bare national schemes by the readers' line (made-up sentences)
        ("该省对口支援的县市今年新增项目四十个。", "对口支援"),
        ("县里下达农村危房改造补助资金三千万元。", "农村危房改造"),
        ("全市完成危房改造八百户。", "农村危房改造"),
        ("钢铁行业去产能任务提前完成。", "去产能"),
        ("北方城市推进清洁取暖试点。", "清洁取暖"),
        ("企业领取失业保险稳岗返还资金。", "稳岗返还"),
        ("全县实施易地搬迁后续扶持。", "易地扶贫搬迁工程"),
        ("该市持续推进国土绿化，新增造林五万亩。", "大规模国土绿化行动"),
        ("各地扎实推进乡村全面振兴。", "乡村振兴战略"),
    ],
)
def test_bare_national_schemes_of_step_17(text: str, expect: str) -> None:
    from kg.extract.programmes import _lexicon_names

    assert expect in {c.name for c in _lexicon_names(text)}


def test_generic_bare_names_of_step_17_stay_out() -> None:
    from kg.extract.programmes import _lexicon_names

    # read by the same line and left generic: resettlement, a field, a concept
    text = "库区移民搬迁顺利完成，当地发展乡村旅游，推动城市更新。"
    assert not {c.name for c in _lexicon_names(text)}
    for name in ("移民搬迁", "城市更新", "低保"):
        assert name in _listed("lexicon-read.txt")


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # step 18: national schemes that news writes marked and bare (made-up sentences)
        ("东海伏季休渔今天结束，渔船陆续出港。", "伏季休渔"),
        ("该省发放援企稳岗资金两亿元。", "援企稳岗"),
        ("草原牧区推进退牧还草，禁牧面积扩大。", "退牧还草"),
        ("山区实施生态移民，三百户搬进新村。", "生态移民"),
        ("县里兑现农机购置补贴一千万元。", "农机购置补贴"),
        ("科创板试点注册制后，首批企业上市。", "股票发行注册制改革"),
        ("耗材集中带量采购扩大到骨科。", "药品集中带量采购"),
    ],
)
def test_marked_and_bare_national_schemes_of_step_18(text: str, expect: str) -> None:
    from kg.extract.programmes import _lexicon_names

    assert expect in {c.name for c in _lexicon_names(text)}


def test_a_registration_system_is_no_listing_reform() -> None:
    from kg.extract.programmes import _lexicon_names

    # 注册制 inside 注册制度 (of teachers, of firms) is not the stock listing reform
    assert not {c.name for c in _lexicon_names("教师资格实行定期注册制度。")}


def test_the_marked_round_counts_marked_and_bare_documents() -> None:
    mine = _miner()
    assert {"退牧还草", "草原退牧还草"} <= mine.marked_names("实行草原退牧还草制度。")
    texts = ["实施退牧还草，", "退牧还草工程", "“退牧还草”", "退牧还草以来"]
    assert mine.bare_count(iter(texts), {"退牧还草"})["退牧还草"] == 2


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # round 16, --social: bare welfare, health and aid schemes (made-up sentences)
        (
            "该县统一城乡居民基本养老保险制度后，参保人数增加。",
            "城乡居民基本养老保险制度",
        ),
        ("村民参加城乡居民基本养老保险，每年缴费两百元。", "城乡居民基本养老保险制度"),
        ("人均基本公共卫生服务经费再提高五元。", "基本公共卫生服务项目"),
        ("该区全面落实临时救助制度，", "临时救助制度"),
        ("两万名残疾人领取困难残疾人生活补贴。", "困难残疾人生活补贴"),
        ("实施重度残疾人护理补贴制度。", "重度残疾人护理补贴"),
        ("按亩发放耕地地力保护补贴。", "耕地地力保护补贴"),
        ("农民参加新农保，年满六十岁领取养老金。", "新农保"),
        ("城居保和新农保合并实施。", "城居保"),
        ("八十岁以上老人纳入高龄津贴制度。", "高龄津贴制度"),
    ],
)
def test_bare_welfare_schemes_of_round_16(text: str, expect: str) -> None:
    from kg.extract.programmes import _lexicon_names

    assert expect in {c.name for c in _lexicon_names(text)}


def test_generic_services_and_subsidies_of_round_16_stay_out() -> None:
    from kg.extract.programmes import _lexicon_names

    # read by the same line and left generic: a service, a subsidy, an insurance
    text = "社区服务中心发放政府补贴，企业缴纳工伤保险。"
    assert not {c.name for c in _lexicon_names(text)}
    for name in ("社区服务", "政府补贴", "工伤保险", "城乡居民基本医疗保险"):
        assert name in _listed("lexicon-read.txt")


def test_the_social_round_takes_long_bare_names() -> None:
    mine = _miner()
    text = "县里统一为城镇居民基本医疗救助制度。"
    ends = [m.end() for m in mine._SOCIAL_TAIL.finditer(text)]
    assert (
        mine.bare_name(text, ends[-1], window=16, longest=14)
        == "城镇居民基本医疗救助制度"
    )
    # the default window of the other rounds keeps names of eight characters at most
    assert mine.bare_name(text, ends[-1]) is None
