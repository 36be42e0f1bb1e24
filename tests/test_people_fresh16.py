"""Round 16: kinds of person errors recurring on first contacts (b10–b15).
Made-up sentences."""

from kg.extract.people import extract_people
from kg.ingest import parse_document


def _names(text: str) -> set[str]:
    return {m.name for m in extract_people(parse_document(text, "t"))}


def test_person_a_clause_describes_after_de() -> None:
    assert "赵小梅" in _names("在城里开餐馆的赵小梅回村，办起了农家乐。")
    assert "马志荣" in _names("曾经学过木工的马志荣办了个小厂。")


def test_after_de_no_two_characters() -> None:
    assert "古乐" not in _names("华丽婉转的唱腔，悠长回荡的古乐，得到来宾们高度赞赏。")


def test_after_de_no_place_no_word() -> None:
    assert "关怀" not in _names("他们感受到党的关怀，干劲更足了。")
    assert not {
        n for n in _names("位于某某县的马家庄村，发展了乡村旅游。") if "村" in n
    }


def test_conjunction_after_name_ends_it() -> None:
    assert "赵丽" in _names("这家厂的厂长赵丽既当老板，又当老师。")
    assert "赵丽既" not in _names("这家厂的厂长赵丽既当老板，又当老师。")


def test_railway_of_city_short_forms_is_no_person() -> None:
    text = "黄吉昌高铁开始运行\n当天，黄吉昌高铁开始运行。黄吉昌高铁北起黄冈市。"
    assert "黄吉昌" not in _names(text)


def test_frame_never_names_a_village_or_a_time_clause() -> None:
    assert "陈岭村" not in _names("在某县大湾乡陈岭村，他察看了村容村貌。")
    assert "关停后" not in _names("厂子被关停后，他琢磨着干点别的。")
    assert "康复后" not in _names("医护人员都说，康复后立即返岗。")


def test_role_words_and_place_words_are_no_names() -> None:
    assert "孙女" not in _names("老两口子孙满堂，孙子孙女都读上了大学。")
    assert "那辈" not in _names("从他爷爷那辈开始，就在这里守边。")
    assert "江两岸" not in _names("湖北巴东县长江两岸种上了柑橘。")


def test_statue_makes_a_historical_figure() -> None:
    found = {
        m.name: m.attrs["kind"]
        for m in extract_people(
            parse_document("广场上立着石德仁铜像，供人们瞻仰。", "t")
        )
    }
    assert found.get("石德仁") == "historical"


def test_name_with_the_people_beside_them() -> None:
    assert "周海涛" in _names("这个春节，周海涛和工友们正在安装钢筋。")
    text = "拿到钥匙不到1个月，刘大姐和家人就把新家布置好了。"
    assert "刘大姐" not in _names(text)


def test_after_de_word_starting_with_a_surname_is_no_name() -> None:
    assert not _names("这是村里的马铃薯基地，种的是高产品种。")
