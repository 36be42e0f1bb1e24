"""Round 20: a year opening a launch verb's object dates the scheme named after it
(programme:pattern.name-year, programme:words.year-dated-not), and systems put into
force bare (programme:step.system, programme:scope.system). Made-up texts."""

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


def test_a_system_put_into_force_is_named_and_national() -> None:
    from tests.conftest import linked_graph

    found = _mentions("某省建立轻微违法记录封存制度，")
    assert "轻微违法记录封存制度" in found
    graph = linked_graph("福州新闻\n\n国务院决定建立轻微违法记录封存制度。\n")
    scopes = {a["name"]: a.get("scope") for _, a in graph.nodes(data=True)}
    assert scopes["轻微违法记录封存制度"] == "national"


def test_systems_to_perfect_kinds_of_system_and_joined_ones_are_not_named() -> None:
    for text in [
        "进一步完善城乡居民医疗保障制度，",
        "加快建立现代财政制度，",
        "贯彻某决议精神和某某保护法律制度，",
        "两国建立部长级定期会晤机制，",
    ]:
        assert not any(n.endswith(("制度", "机制")) for n in _mentions(text)), text
