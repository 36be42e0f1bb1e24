"""Round 17: person and post errors of the first contact b16 (skilled workers' and
designers' posts, students of a school, 身为…的 name, a seat of government read as a
name). Made-up sentences."""

from __future__ import annotations

from kg.extract.people import extract_people
from kg.ingest import parse_document
from tests.conftest import linked_names


def _people(text: str) -> dict[str, dict]:
    doc = parse_document(text, "t")
    return {m.name: m.attrs for m in extract_people(doc)}


def _titles(found: dict[str, dict], name: str) -> list[str]:
    return [p["title"] for p in found[name]["posts"]]


def test_a_skilled_workers_title_takes_its_trade() -> None:
    found = _people("会上，华东机械制造公司钳工技师王建国和某厂高级技师赵海平发言。")
    assert _titles(found, "王建国") == ["钳工技师"]
    assert _titles(found, "赵海平") == ["高级技师"]


def test_a_chief_designer_is_an_official_with_a_post() -> None:
    found = _people("登月工程三期着陆器系统总设计师李明华介绍了进展。")
    assert _titles(found, "李明华") == ["总设计师"]


def test_students_and_cadets_have_a_post() -> None:
    found = _people("南京林业大学2012级硕士研究生赵小光、陆军步兵学院学员钱立新发言。")
    assert _titles(found, "赵小光") == ["硕士研究生"]
    assert _titles(found, "钱立新") == ["学员"]


def test_research_student_alone_or_a_ship_after_it_is_no_name() -> None:
    found = _people("他参加了华东大学研究生支教团。导弹驱逐舰长沙舰起航。")
    assert "支教团" not in found
    assert "沙舰" not in found


def test_shenwei_lets_de_stand_between_post_and_name() -> None:
    found = _people("而身为安远县纪委副书记的赵立平，被派到了某村。")
    assert _titles(found, "赵立平") == ["副书记"]
    assert found["赵立平"]["kind"] == "official"


def test_a_post_and_de_without_a_marker_is_still_no_name() -> None:
    assert "讲话" not in _people("书记的讲话很精彩。")


def test_the_white_house_is_no_person() -> None:
    assert "白宫" not in _people("美国总统某某表示，白宫将尽快公布新的任命。")


def test_a_school_before_the_class_year_is_the_students_organisation() -> None:
    text = "江苏省南京市开展活动。华东林业大学2012级硕士研究生赵小光谈了体会。"
    assert linked_names(text, "赵小光", "holds_post") == {"华东林业大学"}


def test_a_unit_title_with_no_unit_written_falls_in_no_place() -> None:
    text = "重庆市梁平区召开会议。总设计师孙建华当天发表讲话。"
    assert linked_names(text, "孙建华", "holds_post") == set()


def test_whose_view_or_help_frames_a_name() -> None:
    found = _people("在赵立平看来，改革要落到实处。在钱海明的帮助下，他找到了工作。")
    assert {"赵立平", "钱海明"} <= set(found)


def test_a_view_frame_holds_no_pronoun() -> None:
    assert _people("在他们看来，改革要落到实处。在大家的帮助下，村子变了。") == {}


def test_zuowei_of_an_honour_makes_no_post_before_de() -> None:
    found = _people("刚刚获得某市担当作为好支书的赵立平从去年担任社区书记以来，")
    assert "赵立平" not in found or _titles(found, "赵立平") != ["支书"]
