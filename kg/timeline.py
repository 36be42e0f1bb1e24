"""Dates on the graph: when each programme is first read of, and in which place.

A document's date (``date`` on its node, ISO 8601) dates every fact read from it.
``add_dates`` gives each ``runs_in`` edge the first and last dates of the documents
supporting it (``first_date``, ``last_date``) and each programme the first and last
dates of the documents naming it. Dates are compared as ISO strings, so a year
(``2019``) sorts before any day of that year (``2019-01-01``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

# 2019-03-05, 2019/3/5, 2019.03.05, 20190305, 2019年3月5日, 2019-03, 2019年3月, 2019
_DATE = re.compile(
    r"\s*(\d{4})(?:(?:[-/.年]\s*(\d{1,2})|(\d{2}))"
    r"(?:(?:[-/.月]\s*(\d{1,2}))|(?<=\d{6})(\d{2}))?)?"
)


def iso_date(value: object) -> str | None:
    """``value`` as an ISO 8601 date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``).

    Anything after the date (a time, 日) is dropped; a value with no year, or with an
    impossible month or day, gives ``None``.

    Examples:
        >>> [iso_date(v) for v in ("2012-07-02", "2019/3/5", "20190305 08:00")]
        ['2012-07-02', '2019-03-05', '2019-03-05']
        >>> [iso_date(v) for v in ("2019年3月5日", "2019-03", "2019", "x", "2019-13-01")]
        ['2019-03-05', '2019-03', '2019', None, None]
    """
    if not isinstance(value, str):
        return None
    match = _DATE.match(value)
    if match is None:
        return None
    year, month_a, month_b, day_a, day_b = match.groups()
    month, day = month_a or month_b, day_a or day_b
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return f"{year}-{int(month):02d}"
    if not 1 <= int(day) <= 31:
        return None
    return f"{year}-{int(month):02d}-{int(day):02d}"


def document_dates(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Document id (without ``document:``) → its date, for dated documents."""
    return {
        node.removeprefix("document:"): date
        for node, attrs in graph.nodes(data=True)
        if attrs.get("type") == "document" and (date := attrs.get("date"))
    }


def _span(dates: Iterable[str]) -> tuple[str, str] | None:
    found = sorted(dates)
    return (found[0], found[-1]) if found else None


def add_dates(
    graph: nx.MultiDiGraph, dates: Mapping[str, str | None] | None = None
) -> None:
    """Date the programmes and their ``runs_in`` edges from their documents' dates.

    Args:
        graph: the graph (``to_networkx``); changed in place.
        dates: document id → date as given, set on the document nodes that have
            none yet (normalised by ``iso_date``); a build's document nodes carry
            their dates already (``kg.metadata``).

    Examples:
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("document:a", type="document")
        >>> g.add_node("document:b", type="document", date="2019-05-01")
        >>> g.add_node("programme:x", type="programme", mentions=[{"doc": "a"}, {"doc": "b"}])
        >>> g.add_node("place:1", type="place")
        >>> _ = g.add_edge("programme:x", "place:1", type="runs_in", evidence=[{"doc": "a"}])
        >>> add_dates(g, {"a": "2018/3/2"})
        >>> g.nodes["programme:x"]["first_date"], g.edges["programme:x", "place:1", 0]["last_date"]
        ('2018-03-02', '2018-03-02')
    """
    nodes = graph.nodes
    for doc_id, raw in (dates or {}).items():
        node = f"document:{doc_id}"
        date = iso_date(raw)
        if date and node in nodes and not nodes[node].get("date"):
            nodes[node]["date"] = date
    dated = document_dates(graph)
    if not dated:
        return
    for _, attrs in graph.nodes(data=True):
        if attrs.get("type") == "programme":
            _set_span(attrs, attrs.get("mentions", []), dated)
    for _, _, attrs in graph.edges(data=True):
        if attrs.get("type") == "runs_in":
            _set_span(attrs, attrs.get("evidence", []), dated)


def _set_span(
    attrs: dict[str, Any], spans: Iterable[Mapping[str, Any]], dated: Mapping[str, str]
) -> None:
    span = _span(dated[s["doc"]] for s in spans if s["doc"] in dated)
    if span is not None:
        attrs["first_date"], attrs["last_date"] = span
