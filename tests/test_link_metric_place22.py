"""Round 22: where a village's or township's figures are measured. Made-up snippets,
none from a gold text."""

from tests.conftest import linked_names


def _measured_in(text: str, figure: str) -> set[str]:
    return linked_names(text, figure, "measured_in")


def test_a_clause_opening_with_its_village_word_and_li_is_the_township_s() -> None:
    # 乡里有…: the township the paragraph named, not the city named in passing
    text = (
        "梁平区召开会议，梁平区通报情况。铁门乡负责人介绍，"
        "今年重庆市启动造林工程，乡里有300亩土地被流转。"
    )
    assert _measured_in(text, "300亩") == {"铁门乡"}


def test_a_level_word_after_but_in_is_the_township_s() -> None:
    # 但在全乡…中: a connective and 在 before the level word do not hide it
    text = (
        "梁平区召开会议，梁平区通报情况。铁门乡负责人介绍，"
        "重庆市给予补贴，但在全乡120户中仍有30户属于低收入家庭。"
    )
    assert _measured_in(text, "120户") == {"铁门乡"}


def test_fellow_villagers_are_no_township() -> None:
    # 乡亲们: fellow villagers, not the township
    text = (
        "梁平区召开会议，梁平区通报情况。铁门乡负责人介绍，"
        "今年重庆市启动造林工程，乡亲们种下300亩树苗。"
    )
    assert _measured_in(text, "300亩") != {"铁门乡"}
