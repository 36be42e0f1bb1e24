"""Round 22: people names cut wrong on first contact b20 (and b16-b19 before it): a third
character 时 dropped before 同志 or a report made, a dotted name whose first part jieba
cut, 谈 and what is talked about read as a name, a noun compound of a simile, the last
item of a list closed by a comma, who attended a meeting and whose account a clause
gives. Made-up sentences."""

from __future__ import annotations

import pytest

from kg.extract.people import extract_people
from kg.ingest import parse_document


def _people(text: str) -> dict[str, dict]:
    doc = parse_document(text, "t")
    return {m.name: m.attrs for m in extract_people(doc)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("瞻仰了朱德、周恩来、王振时同志的旧居。", "王振时"),
        (
            "委员们审议了副主任委员张清时作的说明。",
            "张清时",
        ),
        ("副主任委员陈立时作了补充说明。", "陈立时"),
    ],
)
def test_a_third_character_shi_before_a_full_names_word_stays(
    text: str, name: str
) -> None:
    found = _people(text)
    assert name in found
    assert name[:2] not in found


def test_a_third_character_shi_meaning_when_is_dropped() -> None:
    assert "王英时" not in _people("省长会见市长王英时表示，双方应加强合作。")
    assert "王英时" not in _people("他见到王英时同志们都在。")


def test_a_dotted_name_whose_first_part_jieba_cut_is_whole() -> None:
    found = _people("村民阿依来提·麦麦提说，今年收成好。")
    assert "阿依来提·麦麦提" in found
    assert "阿依来" not in found
    assert "提·麦麦提" not in found


@pytest.mark.parametrize(
    "text", ["会后请返乡的学生谈体会。", "座谈会上几位村民谈变化，", "请老党员谈感受。"]
)
def test_tan_and_what_is_talked_about_is_no_name(text: str) -> None:
    assert not any(name.startswith("谈") for name in _people(text))


def test_a_name_with_the_surname_tan_stays() -> None:
    assert "谈立强" in _people("学院副院长谈立强主持会议。")
    assert "谈文锋" in _people("参加座谈的有董事长王建华、谈文锋、李明等。")


def test_a_noun_compound_of_a_simile_is_no_name() -> None:
    assert not _people("孩子们像白菜苗一样成长。")
    assert "王建华" in _people("像王建华这样的干部还有很多。")


def test_the_last_item_of_a_list_closed_by_a_comma_is_a_name() -> None:
    found = _people("丁薛祥、王毅、李权，中央有关部门负责同志陪同考察。")
    assert "李权" in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("会谈后双方签署了合作文件。\n周建华参加会见。", "周建华"),
        ("会谈后双方签署了合作文件。周建华等参加上述活动。", "周建华"),
        ("据刘建芳介绍，村里今年新修了三条路。", "刘建芳"),
        ("按照周海涛的说法，这是个好办法。", "周海涛"),
        ("用刘芳的话说，这里变化很大。", "刘芳"),
    ],
)
def test_frames_of_attending_and_of_an_account(text: str, name: str) -> None:
    assert name in _people(text)


def test_an_account_of_a_role_word_is_no_name() -> None:
    assert not _people("据村民介绍，村里今年新修了三条路。")


def test_a_given_name_said_later_is_the_person_named_in_full() -> None:
    doc = parse_document("记者见到了村民刘燕红。燕红说，日子越过越好。", "t")
    names = {(m.text, m.name) for m in extract_people(doc)}
    assert ("燕红", "刘燕红") in names


def test_a_given_name_two_full_names_share_is_left_as_it_is() -> None:
    doc = parse_document("村民刘燕红和村民李燕红来了。燕红说，日子越过越好。", "t")
    assert ("燕红", "燕红") in {(m.text, m.name) for m in extract_people(doc)}


def test_a_preposition_jieba_glues_to_a_name_ends_it() -> None:
    assert "陈东浩" in _people("被告人陈东浩因故意伤害罪被判刑。")
    assert "施泰因迈尔" in _people("外长施泰因迈尔在致辞中表示，")
