"""A county's story whose title names its city first (round 17): the title's city
says where the county is; the lead's chain ending with the county says which one
acts, and the figures that name no place are measured there; a person of another
place takes the figures of the sentences naming them (made-up snippets)."""

from tests.conftest import linked_names


def _measured_in(text: str, figure: str) -> set[str]:
    return linked_names(text, figure, "measured_in")


def test_the_lead_chain_ending_with_a_county_of_the_titled_city() -> None:
    text = (
        "江苏扬州 干部走村入户\n\n今年以来，江苏扬州高邮市组织干部走村入户。\n\n"
        "高邮市的干部经常回到村里，和村民拉家常。\n\n每人每年帮群众解决问题不少于3个。\n"
    )
    assert _measured_in(text, "3个") == {"高邮市"}


def test_a_lead_chain_ending_with_the_city_keeps_the_city() -> None:
    text = (
        "江苏扬州 干部走村入户\n\n今年以来，江苏扬州组织干部走村入户。\n\n"
        "高邮市的干部经常回到村里，和村民拉家常。\n\n每人每年帮群众解决问题不少于3个。\n"
    )
    assert _measured_in(text, "3个") == {"扬州市"}


def test_a_roundup_whose_title_names_no_place_keeps_its_focus() -> None:
    text = (
        "各地干部走村入户\n\n今年以来，各地组织干部走村入户。\n\n"
        "在江苏扬州高邮市，干部经常回到村里。\n\n扬州市的干部和村民拉家常。"
        "扬州市推进工作。\n\n每人每年帮群众解决问题不少于3个。\n"
    )
    assert "高邮市" not in _measured_in(text, "3个")
