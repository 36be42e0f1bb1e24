"""A line named by its two ends (issue 20, round 18): its figures, and those of a
bridge or tunnel on it, are measured in the division holding both ends, unless the
sentence says where the work lies. Made-up snippets, none from a gold text."""

from tests.conftest import linked_names


def _measured_in(text: str, figure: str) -> set[str]:
    return linked_names(text, figure, "measured_in")


def test_a_line_between_two_cities_is_their_province_s() -> None:
    text = "高速通车\n\n昨天，广西柳州至梧州高速公路正式通车，全长83.6公里。\n"
    assert _measured_in(text, "83.6公里") == {"广西壮族自治区"}


def test_a_work_located_in_a_county_stays_there() -> None:
    text = (
        "隧道开工\n\n大理至丽江铁路的某某隧道在云南省永胜县境内开工，全长12.5公里。\n"
    )
    assert _measured_in(text, "12.5公里") == {"永胜县"}
