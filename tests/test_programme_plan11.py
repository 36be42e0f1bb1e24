"""Round-11 named plans (snippets made up)."""

from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.ingest import parse_document


def _found(text: str) -> dict[str, str]:
    doc = parse_document(text, "t")
    return {
        m.name: m.attrs["scope"] for m in extract_programmes(doc, extract_places(doc))
    }


def test_book_title_plans_keep_their_whole_title() -> None:
    found = _found("交通运输部日前印发《“十五五”内河航运发展规划》，提出目标。")
    assert found.get("十五五内河航运发展规划") == "national"
    assert "湿地修复总体规划(2026—2035年)" in _found(
        "两部门发布《湿地修复总体规划（2026—2035年）》。"
    )
    assert "文旅融合发展纲要" in _found("会议审议通过《文旅融合发展纲要》。")
    assert not _found("出版《某某思想学习纲要》一书。")


def test_unquoted_plans_keep_their_subject() -> None:
    assert "乡村教师十五五规划" in _found("人社部印发乡村教师“十五五”规划")
    assert "十四五邮政快递业规划" in _found("“十四五”邮政快递业规划提出，")
    assert "山区公路未来三年规划" in _found("今年，山区公路未来三年规划已出台，")
    assert "湿地修复空间规划" in _found("我国将编制印发湿地修复空间规划，明确目标。")


def test_the_owner_or_a_bare_period_makes_no_plan_of_its_own() -> None:
    for text in (
        "外方关注中国“十五五”规划，",
        "为建成小康社会和“十三五”规划收官作贡献。",
        "要科学编制十五五规划。",
    ):
        assert not any(len(n) > 5 for n in _found(text)), text
    assert not _found("双方将就中长期合作规划保持沟通。")
    assert not _found("定期编制服务贸易发展规划，加强引导。")
    assert not _found("市规划局局长到会。")


def test_quoted_service_teams_and_houses_are_programmes() -> None:
    assert "农机服务队" in _found("镇里组建了10支“农机服务队”，帮农户收割。")
    assert "巾帼志愿者之家" in _found("社区建起“巾帼志愿者之家”，调解纠纷。")
    assert "党员便民大集" in _found("党员们摆出“党员便民大集”，服务群众。")
    assert not _found("成立“红白理事会”，")


def test_a_quoted_bare_number_is_no_programme() -> None:
    assert not _found("屏幕上“1988”“2028”字样醒目。2028名学生走来。")
    assert not _found("报告回顾了“817”事件以来的变化。")
    assert "5210人才工程" in _found("实施“5210”人才工程，“5210”人才工程成效显著。")
    assert "8+2" in _found("推进“8+2”合作框架。")


def test_action_plan_titles_are_named_in_full() -> None:
    found = _found("国务院印发《湖泊水质持续改善行动计划》，提出目标。")
    assert found.get("湖泊水质持续改善行动计划") == "national"
    doc = parse_document("两部门印发《湿地修复专项行动计划（2026—2030年）》。", "t")
    (plan,) = extract_programmes(doc)
    assert plan.name == "湿地修复专项行动计划(2026—2030年)"
    assert plan.attrs["aliases"] == ["湿地修复专项行动计划"]
    assert (
        _found("该市实施打造花园城市三年行动计划。").get("打造花园城市三年行动计划")
        != "national"
    )
