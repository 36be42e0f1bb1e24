"""Round 20: a year opening a launch verb's object dates the scheme named after it
(programme:pattern.name-year, programme:words.year-dated-not). Made-up texts."""

from kg.extract.places import extract_places
from kg.extract.programmes import extract_programmes
from kg.ingest import parse_document


def _mentions(text: str) -> dict[str, set[str]]:
    doc = parse_document(text, "t")
    return {
        m.name: set(m.attrs.get("aliases", []))
        for m in extract_programmes(doc, extract_places(doc))
    }


def test_a_year_after_the_launch_verb_dates_the_campaign() -> None:
    found = _mentions("某部部署开展2022年净网护苗专项行动。")
    assert found.get("净网护苗专项行动") == {"2022年净网护苗专项行动"}


def test_a_year_of_the_clause_or_a_yearly_plan_is_left_alone() -> None:
    assert not any(
        n.startswith("签署")
        for n in _mentions("特别是2019年签署甲乙合作行动计划以来。")
    )
    assert _mentions("会议审议2025年国民经济和社会发展计划。") == {}
