"""Round 25: a story on a province or a municipality whose focus (chosen among
cities and counties only) is a city of elsewhere named in passing. Made-up
snippets, none from a gold text."""

from tests.conftest import linked_names


def _measured_in(text: str, figure: str) -> set[str]:
    return linked_names(text, figure, "measured_in")


_CAPITAL_STORY = (
    "上海推进社区治理\n\n"
    "上海市今年推进社区治理，上海各区都建立了热线。\n\n"
    "老王退休前从上海被派到杭州工作，回上海后办手续，上海市人社局当天受理。\n\n"
    "上海的热线把几十部电话整合到一起，上海市民只记一个号码。\n\n"
    "全年受理诉求300万件。\n"
)


def test_a_municipality_named_throughout_takes_the_figures_of_a_passing_city() -> None:
    # 杭州 once (where a man once worked) is the focus; 上海 is what the story is about
    assert _measured_in(_CAPITAL_STORY, "300万件") == {"上海市"}


def test_a_province_named_a_few_times_in_a_national_story_takes_nothing() -> None:
    # a national story naming a province three times is not that province's
    text = (
        "全国推进社区治理\n\n"
        "各地今年推进社区治理，上海市建立了热线。\n\n"
        "老王退休前从上海被派到杭州工作，回上海后办手续。\n\n"
        "全年受理诉求300万件。\n"
    )
    assert _measured_in(text, "300万件") != {"上海市"}


def test_a_story_of_two_provinces_is_neither_s() -> None:
    # 上海 and 江苏 both named throughout: a story of the two, no one province's
    text = (
        "沪苏推进社区治理\n\n"
        "上海市和江苏省今年推进社区治理，上海、江苏都建立了热线。\n\n"
        "老王退休前从上海被派到杭州工作，回江苏后办手续，江苏省人社局当天受理。\n\n"
        "上海、江苏的热线整合到一起，上海、江苏市民只记一个号码。\n\n"
        "全年受理诉求300万件。\n"
    )
    assert _measured_in(text, "300万件") != {"上海市"}
