"""Round 20: counted packages of measures (programme:step.measures) — the topic cut
at 和/与/及 (programme:chars.package-joints), their scope when places carry them out
(programme:scope.package-places-carry-out*), and their places (link:pattern.
roundup-package, link:pattern.roundup-listed-cue). Made-up texts."""

from __future__ import annotations

from tests.conftest import linked_graph, linked_names


def _programmes(text: str) -> dict[str, dict]:
    graph = linked_graph(text)
    return {
        a["name"]: a for _, a in graph.nodes(data=True) if a.get("type") == "programme"
    }


def test_a_package_after_another_document_keeps_its_own_topic() -> None:
    found = _programmes("各地执行第三版工作方案和优化服务十二条措施不走样。")
    assert "优化服务十二条措施" in found
    assert not any("方案和" in name for name in found)


def test_a_package_places_carry_out_is_national() -> None:
    found = _programmes("近日，福州市、宁德市等地贯彻落实优化服务十二条措施。")
    assert found["优化服务十二条措施"]["scope"] == "national"
    lead = (
        "连日来，各地坚决贯彻落实上级部署，坚持第三版工作方案和稳岗十五条措施不走样。"
    )
    assert _programmes(lead)["稳岗十五条措施"]["scope"] == "national"


def test_a_package_a_place_issues_is_its_own() -> None:
    found = _programmes("为稳住外贸，福州市近日出台了稳外贸十二条措施。")
    assert found["稳外贸十二条措施"]["scope"] == "local"


def test_a_national_package_in_a_roundup_of_all_places_runs_nowhere_named_later() -> (
    None
):
    text = (
        "各地落实十二条措施\n\n今天，各地落实某部的十二条措施不走样。\n\n"
        "在屏南县，村民们领到补贴。\n\n古田县的干部挨家挨户宣传。\n"
    )
    assert linked_names(text, "十二条措施", "runs_in") == set()


def test_districts_of_the_listed_places_carry_the_programme_out() -> None:
    text = (
        "某行动落地见效\n\n近日，福州市、宁德市等地落实十二条措施。\n\n"
        "古田县的干部挨家挨户宣传。\n\n仙游县的干部也在宣传。\n"
    )
    runs = linked_names(text, "十二条措施", "runs_in")
    assert {"福州市", "宁德市", "古田县"} <= runs
    assert "仙游县" not in runs  # not within a listed place


def test_two_documents_counts_alone_are_two_packages() -> None:
    from kg.extract import extract
    from kg.graph import to_networkx
    from kg.ingest import parse_document
    from kg.link import link

    texts = [
        "福州市出台支持农业经营主体十二条措施。福州市落实十二条措施。",
        "宁德市推出了激发市场活力的十二条措施。",
        "莆田市出台了十二条措施。",
    ]
    docs = [parse_document(t, f"d{i}.txt") for i, t in enumerate(texts)]
    graph = to_networkx(link([(d, extract(d)) for d in docs]))
    by_doc: dict[str, set[str]] = {}
    for node, attrs in graph.nodes(data=True):
        if attrs.get("type") == "programme":
            for m in attrs["mentions"]:
                by_doc.setdefault(m["doc"], set()).add(node)
    # the first document's package takes its own count alone, not the others'
    assert by_doc["d0.txt"].isdisjoint(by_doc["d1.txt"] | by_doc["d2.txt"])
    assert by_doc["d1.txt"].isdisjoint(by_doc["d2.txt"])


def test_the_points_a_document_sets_out_are_no_package() -> None:
    found = _programmes("该方案从6个方面提出40条措施，涵盖财政、金融等领域。")
    assert not any("措施" in name for name in found)


def test_a_bundle_is_named_by_its_topic_only() -> None:
    assert "稳就业一揽子政策" in _programmes("某省加快落实稳就业一揽子政策。")
    assert not any("一揽子" in n for n in _programmes("某市出台一揽子政策，帮扶企业。"))
