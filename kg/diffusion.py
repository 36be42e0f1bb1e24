"""The diffusion table: where and when each programme is read of, for statistics.

One row per (programme, district or county): the ``runs_in`` edges of a programme to
a district and to the towns and villages below it are rolled into one row, dated by
the documents supporting them (``kg.timeline``). Places above district level
(provinces, prefectures) and places with no known district have no row. The table is
what policy-diffusion studies start from: first date per place, then adoption
curves, event-history models or maps.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import Any

import networkx as nx

from kg.timeline import document_dates
from kg.viz import all_edges, district_of

# The columns, in order, with what each holds (the README repeats this table).
COLUMNS: dict[str, str] = {
    "programme": "the programme's name (举措名称)",
    "programme_id": "its node id in graph.json",
    "scope": "local, provincial or national; empty when the graph has none",
    "place": "the district or county (区县)",
    "place_id": "its node id in graph.json",
    "level": "district, county or city (a county-level city)",
    "code": "its 6-digit division code (NBS), empty when unknown",
    "prefecture": "the prefecture-level division above it, empty for a municipality",
    "province": "the province-level division above it",
    "first_date": "date of the earliest dated document supporting the link (ISO 8601)",
    "last_date": "date of the latest one",
    "documents": "number of distinct documents supporting the link",
    "example_document": "one of them: the earliest dated, else the first by id",
    "places": "the places named in those documents, 、-separated (towns rolled up)",
}


def diffusion_rows(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The rows of the diffusion table, sorted by programme, first date and place.

    Examples:
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("document:a", type="document", date="2019-05-01")
        >>> g.add_node("document:b", type="document", date="2018-01-02")
        >>> g.add_node("programme:x", type="programme", name="三比三亮")
        >>> g.add_node("place:5001", type="place", name="某区", level="district", code="5001")
        >>> g.add_node("place:500101", type="place", name="某镇", level="town")
        >>> g.add_node("place:50", type="place", name="某市", level="province", code="50")
        >>> _ = g.add_edge("place:500101", "place:5001", type="part_of")
        >>> _ = g.add_edge("place:5001", "place:50", type="part_of")
        >>> _ = g.add_edge("programme:x", "place:500101", type="runs_in", evidence=[{"doc": "a"}])
        >>> _ = g.add_edge("programme:x", "place:5001", type="runs_in", evidence=[{"doc": "b"}])
        >>> [(r["place"], r["province"], r["first_date"], r["documents"]) for r in diffusion_rows(g)]
        [('某区', '某市', '2018-01-02', 2)]
    """
    edges = all_edges(graph)
    districts = district_of(graph, edges)
    dated = document_dates(graph)
    nodes = graph.nodes
    parents: dict[str, list[str]] = defaultdict(list)
    links: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for source, target, attrs in edges:
        kind = attrs.get("type")
        if kind == "part_of":
            parents[source].append(target)
        elif kind == "runs_in" and target in districts:
            docs, places = links.setdefault((source, districts[target]), (set(), set()))
            docs.update(span["doc"] for span in attrs.get("evidence", []))
            places.add(target)
    rows = []
    for (programme, district), (docs, places) in links.items():
        dates = sorted(dated[d] for d in docs if d in dated)
        example = min(docs, key=lambda d: (d not in dated, dated.get(d, ""), d))
        place = nodes[district]
        above = _above(district, parents, nodes)
        rows.append(
            {
                "programme": nodes[programme].get("name", programme),
                "programme_id": programme,
                "scope": nodes[programme].get("scope") or "",
                "place": place.get("name", district),
                "place_id": district,
                "level": place.get("level") or "",
                "code": place.get("code") or "",
                "prefecture": above.get("prefecture", ""),
                "province": above.get("province", ""),
                "first_date": dates[0] if dates else "",
                "last_date": dates[-1] if dates else "",
                "documents": len(docs),
                "example_document": example if docs else "",
                "places": "、".join(
                    sorted(nodes[p].get("name", p) for p in places if p != district)
                ),
            }
        )
    # Undated rows last within a programme.
    rows.sort(
        key=lambda r: (
            r["programme"],
            r["programme_id"],
            r["first_date"] == "",
            r["first_date"],
            r["code"],
            r["place_id"],
        )
    )
    return rows


def _above(place: str, parents: dict[str, list[str]], nodes: Any) -> dict[str, str]:
    """Level → name of the prefecture and province above ``place`` (nearest first)."""
    found: dict[str, str] = {}
    frontier, seen = [place], {place}
    while frontier:
        frontier = sorted(
            {p for n in frontier for p in parents.get(n, ()) if p not in seen}
        )
        seen.update(frontier)
        for node in frontier:
            level = nodes[node].get("level")
            if level in ("prefecture", "province") and level not in found:
                found[level] = nodes[node].get("name", node)
    return found


def to_diffusion_csv(graph: nx.MultiDiGraph) -> str:
    """The diffusion table as CSV text, starting with a BOM (Excel then reads
    UTF-8; pandas' ``encoding="utf-8-sig"`` drops it)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(diffusion_rows(graph))
    return out.getvalue()
