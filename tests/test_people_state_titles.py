"""A foreign state and a state title before a name: the name is taken however it is
spelled (person:state-title-name). Made-up sentences."""

import pytest

from kg.extract.people import extract_people
from kg.ingest import parse_document


def _people(text: str) -> dict[str, dict]:
    doc = parse_document(text, "t")
    return {m.name: m.attrs for m in extract_people(doc)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("意大利总理莱塔宣布辞职。", "莱塔"),
        ("俄罗斯总统普南17日在会上说。", "普南"),
        ("俄罗斯总统普南不会出席。", "普南"),
        ("美国国务卿蓬佩奥本月4日表示。", "蓬佩奥"),
        ("卡塔尔埃米尔塔米勒、科威特埃米尔米沙丁出席。", "米沙丁"),
        ("古巴国家主席迪亚兹-卡内尔表示。", "迪亚兹-卡内尔"),
        ("挪威国王哈拉尔五世致贺电。", "哈拉尔五世"),
        ("土耳其总统埃尔多安向来宾致意。", "埃尔多安"),
        ("美国前国务卿克里说。", "克里"),
    ],
)
def test_foreign_name_after_state_title(text: str, name: str) -> None:
    found = _people(text)
    assert name in found
    post = found[name]["posts"][0]
    assert post["org"] and post["org"] in text  # the state is the post's body


@pytest.mark.parametrize(
    ("text", "not_name"),
    [
        ("美国总统府发表声明。", "府发表"),
        ("俄罗斯总统选举即将举行。", "选举"),
        ("美国总统特使表示。", "特使"),
        ("以色列国防部长利伯曼因不满政策辞职。", "利伯曼因不满"),
        ("刚果（布）总统萨苏、吉布提总统盖莱出席。", "吉布提"),
    ],
)
def test_no_name_after_state_title(text: str, not_name: str) -> None:
    assert not_name not in _people(text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "会上，马依彤、邓景辉、刘中民、李桂科等10位来自基层的代表发言。",
            {"马依彤", "李桂科"},
        ),
        ("苏炳添、张培萌、谢振业三位选手最受关注。", {"苏炳添", "谢振业"}),
        ("周建国、吴晓明、郑丽娟等5名同志受到表彰。", {"周建国", "郑丽娟"}),
    ],
)
def test_list_closed_by_a_count_of_people(text: str, names: set[str]) -> None:
    assert names <= set(_people(text))


@pytest.mark.parametrize(
    ("text", "not_name"),
    [
        ("河北从唐山、秦皇岛、石家庄等3个城市调运物资。", "石家庄"),
        ("他在比赛中获得第一、第二、第三名。", "第三"),
    ],
)
def test_no_list_without_people(text: str, not_name: str) -> None:
    assert not_name not in _people(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("胡锦涛主席同桑切斯首相通电话。", "桑切斯"),
        ("双方愿落实好我同克林顿总统达成的重要共识。", "克林顿"),
        ("愿同莫迪总理一道努力。", "莫迪"),
    ],
)
def test_foreign_name_before_state_title(text: str, name: str) -> None:
    assert _people(text)[name]["posts"][0]["title"] in text


@pytest.mark.parametrize(
    ("text", "not_name"),
    [
        ("温家宝会见罗马尼亚总理蓬塔和马其顿总理格鲁埃夫。", "马其顿"),
        ("佩斯科夫表示，俄美总统不久前通电话。", "俄美"),
        ("她同俄罗斯总统会面。", "俄罗斯"),
    ],
)
def test_no_name_before_state_title(text: str, not_name: str) -> None:
    assert not_name not in _people(text)


def test_editors_credit_closing_an_item() -> None:
    found = _people("会议召开。\n（视频编辑：赵明华 文字编辑：钱小梅）")
    assert found["赵明华"]["kind"] == "author"
    assert found["钱小梅"]["kind"] == "author"


def test_speaker_of_a_parliament() -> None:
    assert "萨巴格" in _people("叙利亚人民议会议长萨巴格宣布结果。")
    assert "格拉索" in _people("会见意大利参议长格拉索。")
