"""View: an interactive HTML page (pyvis network data, vis-network drawing).

pyvis's own templates load vis-network and Bootstrap from CDNs even in "local" mode;
this page inlines vis-network from pyvis's package and needs no network at all.
Every string from a document reaches the page as JSON data and is put into the DOM
with ``textContent``/``createTextNode``, never as HTML, so a name like
``<img onerror=…>`` stays text.

Python computes everything a view needs once (district of every node, the
initiative ↔ district roll-up, degrees, source sentences); the page only picks,
filters and draws, so switching views needs no rebuild.
"""

from __future__ import annotations

import importlib.util
import json
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Any

import networkx as nx

from kg.files import atomic_output
from kg.timeline import document_dates

COLOURS = {
    "place": "#2f9e44",
    "programme": "#e8590c",
    "person": "#1971c2",
    "organization": "#7048e8",
    "metric": "#f59f00",
    "article": "#868e96",
}
SHAPES = {
    "place": "dot",
    "programme": "diamond",
    "person": "triangle",
    "organization": "square",
    "metric": "dot",
    "article": "box",
}
# Chinese names for the legend and the filters (the page is read in Chinese).
TYPE_NAMES = {
    "place": "地点 place",
    "programme": "举措 programme",
    "person": "人物 person",
    "organization": "机构 organization",
    "metric": "指标 metric",
    "article": "文章 article",
}
# Metrics are many and hang off one place each: off until the user ticks them.
HIDDEN_BY_DEFAULT = ("metric",)
# Levels a town or village is rolled up to in the initiative ↔ district view.
DISTRICT_LEVELS = frozenset({"district", "county", "city"})
# Places above a district: a programme said to run there keeps that place.
ABOVE_DISTRICT = frozenset({"province", "prefecture"})
# Edges through which a non-place node belongs to a place's district.
PLACE_EDGES = frozenset({"runs_in", "located_in", "about", "measured_in", "holds_post"})
# Limits that keep a page of a large corpus light: drawn nodes per view (the
# most connected first), source sentences per node and per aggregated edge.
MAX_DRAWN = 1000
# Past this many programmes, the initiative view starts with the most widespread
# (most districts) and the districts they run in; a box on the page changes it.
TOP_INITIATIVES = 60
MAX_EVIDENCE = 3
MAX_METRICS = 5000
SENTENCE_CONTEXT = 60
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
# Up to and including the last sentence end (greedy, so C backtracks from the right).
_UP_TO_LAST_END = re.compile(r".*[。！？!?；;\n]", re.DOTALL)
# Entries of a large list or dict encoded at a time when the page is written.
CHUNK = 2000
_DOC = itemgetter("doc")
_FIRST = itemgetter(0)


Edges = list[tuple[str, str, dict[str, Any]]]


def all_edges(graph: nx.MultiDiGraph) -> Edges:
    """Every edge with its data, in the order of ``graph.edges(data=True)``.

    A MultiDiGraph's adjacency dict is read directly, in the order its edge view
    walks it: the view costs ~2 µs an edge, and ``list()`` walks it twice (once
    for its length). 0.5 → 0.05 s on 250,000 edges.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", type="x")
    >>> _ = g.add_edge("a", "b", type="y")
    >>> all_edges(g) == list(g.edges(data=True))
    True
    """
    if type(graph) is nx.MultiDiGraph:
        return [
            (source, target, attrs)
            for source, targets in graph._adj.items()
            for target, keyed in targets.items()
            for attrs in keyed.values()
        ]
    return [edge for edge in graph.edges(data=True)]


def _edges(graph: nx.MultiDiGraph, edges: Edges | None) -> Edges:
    """``edges`` if given: view_data lists them once (a MultiDiGraph's edge view
    costs ~10 µs an edge, and the page needs six passes)."""
    return edges if edges is not None else all_edges(graph)


def district_of(graph: nx.MultiDiGraph, edges: Edges | None = None) -> dict[str, str]:
    """Each place below or at district level → the id of its district or county.

    Walks ``part_of`` edges upwards (breadth first, so the nearest district wins);
    places above district level or with no known district are left out.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p:v", type="place", level="village")
    >>> g.add_node("p:t", type="place", level="town")
    >>> g.add_node("p:d", type="place", level="district")
    >>> _ = g.add_edge("p:v", "p:t", type="part_of")
    >>> _ = g.add_edge("p:t", "p:d", type="part_of")
    >>> district_of(g)
    {'p:d': 'p:d', 'p:t': 'p:d', 'p:v': 'p:d'}
    """
    parents: dict[str, list[str]] = defaultdict(list)
    for source, target, attrs in _edges(graph, edges):
        if attrs.get("type") == "part_of":
            parents[source].append(target)
    # Levels looked up once (a node view lookup costs more than the walk); the
    # (data=True) view is the node dict's own items, (data="level") a generator.
    nodes = graph.nodes(data=True)
    district_level = {n for n, a in nodes if a.get("level") in DISTRICT_LEVELS}
    # Only places are sorted: a large graph is mostly metrics and articles.
    places = sorted(
        n
        for n, a in nodes
        if a.get("type") == "place" and a.get("level") not in ABOVE_DISTRICT
    )
    found = {}
    for node in places:
        frontier, seen = [node], {node}
        while frontier:
            hits = [n for n in frontier if n in district_level]
            if hits:
                found[node] = min(hits)  # the first in sorted order
                break
            frontier = sorted(
                {p for n in frontier for p in parents.get(n, ()) if p not in seen}
            )
            seen.update(frontier)
    return found


def node_districts(
    graph: nx.MultiDiGraph, districts: dict[str, str], edges: Edges | None = None
) -> dict[str, list[str]]:
    """The districts each node belongs to, for the district filter.

    A place: its own district. A programme, organisation, article or metric: the
    districts of the places it runs in, is located in, is about or is measured in.
    A person: those of the posts (organisation or place) they hold.
    """
    result: dict[str, set[str]] = defaultdict(set)
    for node, district in districts.items():
        result[node].add(district)
    # Two passes: a person's post is an organisation whose district comes first.
    linked = [
        (s, t) for s, t, a in _edges(graph, edges) if a.get("type") in PLACE_EDGES
    ]
    for _ in range(2):
        for source, target in linked:
            # Only a target with districts adds any: most sources (metrics) get none,
            # and an empty set made for each would cost more than the pass.
            if got := result.get(target):
                result[source].update(got)
    return {n: sorted(d) for n, d in sorted(result.items(), key=_FIRST) if d}


def _docs(spans: Iterable[dict[str, Any]]) -> set[str]:
    return set(map(_DOC, spans))


def initiative_districts(
    graph: nx.MultiDiGraph,
    districts: dict[str, str],
    edges: Edges | None = None,
    dates: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Programme → district links: towns and villages rolled up to their district.

    One link per (programme, district); ``docs`` is the number of distinct
    documents whose evidence supports any of the ``runs_in`` edges rolled into it,
    ``places`` the places named in those edges. A place with no known district
    (above district level, or unresolved) stays as itself. With ``dates``
    (document id → ISO date), a link with dated documents also has ``first`` and
    ``last`` (dates) and ``years`` (the years of its documents, sorted).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("prog:a", type="programme")
    >>> g.add_node("p:t", type="place", level="town")
    >>> g.add_node("p:d", type="place", level="district")
    >>> _ = g.add_edge("p:t", "p:d", type="part_of")
    >>> _ = g.add_edge("prog:a", "p:t", type="runs_in", evidence=[{"doc": "1"}])
    >>> _ = g.add_edge("prog:a", "p:d", type="runs_in", evidence=[{"doc": "2"}])
    >>> [(e["from"], e["to"], e["docs"], e["places"]) for e in initiative_districts(g, district_of(g))]
    [('prog:a', 'p:d', 2, ['p:d', 'p:t'])]
    """
    links: dict[tuple[str, str], dict[str, Any]] = {}
    for source, target, attrs in _edges(graph, edges):
        if attrs.get("type") != "runs_in":
            continue
        district = districts.get(target, target)
        link = links.setdefault(
            (source, district), {"docs": set(), "places": set(), "evidence": []}
        )
        link["docs"] |= _docs(attrs.get("evidence", []))
        link["places"].add(target)
        link["evidence"].extend(attrs.get("evidence", []))
    result = []
    for (source, district), link in sorted(links.items()):
        entry = {
            "from": source,
            "to": district,
            "docs": len(link["docs"]),
            "places": sorted(link["places"]),
            "evidence": sorted(
                link["evidence"], key=lambda s: (s["doc"], s.get("start", 0))
            ),
        }
        found = sorted(dates[d] for d in link["docs"] if d in dates) if dates else []
        if found:
            entry["first"], entry["last"] = found[0], found[-1]
            entry["years"] = sorted({int(d[:4]) for d in found})
        result.append(entry)
    return result


def sentence_around(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence holding ``text[start:end]``, and the mention's offsets in it.

    Sentences end at 。！？；or a line break; at most ``SENTENCE_CONTEXT``
    characters are kept on either side of the mention.

    >>> sentence_around("第一句。梁平区推行三比三亮。第三句", 9, 13)
    ('梁平区推行三比三亮。', 5, 9)
    """
    left = max(0, start - SENTENCE_CONTEXT)
    last = _UP_TO_LAST_END.match(text, left, start)
    begin = last.end() if last else left
    stop = _SENTENCE_END.search(text, end, end + SENTENCE_CONTEXT)
    finish = stop.end() if stop else min(len(text), end + SENTENCE_CONTEXT)
    sentence = text[begin:finish]
    strip = len(sentence) - len(sentence.lstrip())
    return sentence.strip(), start - begin - strip, end - begin - strip


class _Sources:
    """Source sentences with their document: documents are numbered once."""

    def __init__(
        self,
        graph: nx.MultiDiGraph,
        texts: dict[str, str],
        shown: list[tuple[str, dict[str, Any]]],
        edges: Edges,
    ) -> None:
        """``shown``: the page's nodes with their attributes, in the page's order."""
        self.texts = texts
        self.docs: list[str] = sorted(
            {s["doc"] for _, a in graph.nodes(data=True) for s in a.get("mentions", [])}
            | {s["doc"] for *_, a in edges for s in a.get("evidence", [])}
        )
        # Articles per document (title offset, node index), so a sentence names
        # the article it is from by the index of that article's node in the page.
        articles: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, (_, a) in enumerate(shown):
            if a.get("type") == "article":
                for m in a.get("mentions", []):
                    articles[m["doc"]].append((m["start"], i))
        self.index = {d: i for i, d in enumerate(self.docs)}
        self.articles = {d: sorted(t) for d, t in articles.items()}
        # Each document's metadata (title, date, publisher …), for the panel.
        self.meta = [_document_meta(graph, doc) for doc in self.docs]

    def article(self, doc: str, pos: int) -> int | None:
        """Node index of the article holding ``pos`` in ``doc`` (None if none):
        the last one starting at or before ``pos``."""
        starts = self.articles.get(doc, [])
        before = bisect_right(starts, pos, key=_FIRST)
        return starts[before - 1][1] if before else None

    def sentences(
        self, spans: Iterable[dict[str, Any]], *, text: bool = True
    ) -> list[dict[str, Any]]:
        """Up to MAX_EVIDENCE sentences; ``text=False``: only where (an article's
        mention is its title, which the page already has as its name)."""
        out = []
        for span in islice(spans, MAX_EVIDENCE):
            source = self.texts.get(span["doc"], "") if text else ""
            sentence, ms, me = (
                sentence_around(source, span["start"], span["end"])
                if source
                else ("", 0, 0)
            )
            # Keys in sorted order: the encoder sorts them again, faster when sorted.
            found = {
                "article": self.article(span["doc"], span["start"]),
                "doc": self.index[span["doc"]],
                "end": span["end"],
                "me": me,
                "ms": ms,
                "rule": span.get("rule"),
                "start": span["start"],
                "text": sentence,
            }
            if "page" in span:  # a PDF's
                found["page"] = span["page"]
            out.append(found)
        return out


# What the panel shows of a document, beside its file name.
_DOC_META = ("title", "date", "date_source", "publisher", "source", "format")


def _document_meta(graph: nx.MultiDiGraph, doc: str) -> dict[str, Any]:
    """A document's metadata (``kg.metadata``) with no empty keys: most documents
    of a large corpus have no source or publisher."""
    attrs = graph.nodes.get(f"document:{doc}") or {}
    return {key: attrs[key] for key in _DOC_META if attrs.get(key)}


def _info(attrs: dict[str, Any]) -> str:
    """Level, kind, code and first date (programmes), for the hover text.

    >>> _info({"level": "district", "code": "500155", "kind": None})
    'level: district · code: 500155'
    """
    return " · ".join(  # a list: join makes one of a generator anyway
        [
            f"{key}: {attrs[key]}"
            for key in ("level", "kind", "code", "first_date")
            if attrs.get(key)
        ]
    )


def edges_of(
    graph: nx.MultiDiGraph, nodes: set[str], edges: Edges | None = None
) -> Edges:
    """The edges between ``nodes``, in a stable order."""
    return sorted(
        ((s, t, a) for s, t, a in _edges(graph, edges) if s in nodes and t in nodes),
        key=lambda e: (e[0], e[1], e[2]["type"], e[2].get("title") or ""),
    )


class _Pairs:
    """A dict given as its (key, value) pairs in sorted key order, made on demand.

    The page's writer encodes them a chunk at a time, so the side panels of a large
    graph (hundreds of MB as Python objects) are never all held at once.
    """

    def __init__(self, pairs: Iterator[tuple[str, Any]]) -> None:
        self.pairs = pairs


def _node_entries(
    shown: list[tuple[str, dict[str, Any]]],
    degree: dict[str, int],
    belongs: dict[str, list[str]],
) -> Iterator[dict[str, Any]]:
    """The page's ``nodes``, one by one."""
    for node_id, attrs in shown:
        # Colour, shape, label and hover text are derived in the page from these:
        # a large graph's page would otherwise carry each name three times.
        yield {
            "id": node_id,
            "name": attrs["name"],
            "type": attrs["type"],
            # Empty keys are left out (the page fills them in): 9,000 article
            # nodes with neither add 0.4 MB.
            **({"info": info} if (info := _info(attrs)) else {}),
            "degree": degree.get(node_id, 0),
            "ndocs": len(_docs(attrs.get("mentions", []))),
            # whose programme it is (local, provincial, national): the scope filter
            **({"scope": attrs["scope"]} if attrs.get("scope") else {}),
            **({"districts": belongs[node_id]} if node_id in belongs else {}),
        }


def _detail_entries(
    shown: list[tuple[str, dict[str, Any]]], sources: _Sources
) -> Iterator[tuple[str, dict[str, Any]]]:
    """The page's ``details`` (side panel of each node), as sorted pairs."""
    for node_id, attrs in shown:
        yield (
            node_id,
            {
                "aliases": attrs.get("aliases", []),
                "attrs": {
                    k: v
                    for k, v in sorted(attrs.items(), key=_FIRST)
                    if k not in ("mentions", "name", "aliases", "type")
                },
                "evidence": sources.sentences(
                    attrs.get("mentions", []), text=attrs["type"] != "article"
                ),
            },
        )


def _view(
    graph: nx.MultiDiGraph, texts: dict[str, str] | None, *, with_map: bool = False
) -> dict[str, Any]:
    """view_data with ``details`` as _Pairs and ``nodes``, ``edges`` as iterators,
    made while the page is written."""
    edges_all = all_edges(graph)
    districts = district_of(graph, edges_all)
    belongs = node_districts(graph, districts, edges_all)
    nodes = graph.nodes(data=True)
    metrics = sum(1 for _, a in nodes if a.get("type") == "metric")
    # Past MAX_METRICS the metrics would outweigh everything else in the page.
    left_out = {"metric": metrics} if metrics > MAX_METRICS else {}
    shown = sorted(
        (
            (n, a)
            for n, a in nodes
            if a.get("type") in COLOURS and a.get("type") not in left_out
        ),
        key=_FIRST,
    )
    index = {n: i for i, (n, _) in enumerate(shown)}
    sources = _Sources(graph, texts or {}, shown, edges_all)
    edges = edges_of(graph, set(index), edges_all)
    edge_types = sorted({a["type"] for *_, a in edges})
    type_index = {t: i for i, t in enumerate(edge_types)}
    degree: dict[str, int] = defaultdict(int)
    for s, t, _ in edges:
        degree[s] += 1
        degree[t] += 1
    dates = document_dates(graph)
    initiative = initiative_districts(graph, districts, edges_all, dates)
    for link in initiative:
        link["evidence"] = sources.sentences(link["evidence"])
    district_ids = sorted({d for d in districts.values()})
    variants = sorted(
        [s, t]
        for s, t, a in edges_all
        if a.get("type") == "variant_of" and s in index and t in index
    )
    return {
        "nodes": _node_entries(shown, degree, belongs),
        # [source index, target index, type index, label]: a fifth of the size of
        # vis-network's {"from": …, "to": …} objects on a large graph.
        "edges": (
            [index[s], index[t], type_index[a["type"]], a.get("title") or ""]
            for s, t, a in edges
        ),
        "edge_types": edge_types,
        "left_out": left_out,
        "initiative": initiative,
        "details": _Pairs(_detail_entries(shown, sources)),
        "docs": sources.docs,
        "doc_meta": sources.meta,
        "districts": sorted(
            ([d, graph.nodes[d]["name"]] for d in district_ids),
            key=lambda pair: (pair[1], pair[0]),
        ),
        "types": [
            {
                "type": t,
                "name": TYPE_NAMES[t],
                "colour": COLOURS[t],
                "shape": SHAPES[t],
                "hidden": t in HIDDEN_BY_DEFAULT,
            }
            for t in COLOURS
        ],
        "limits": {"drawn": MAX_DRAWN, "top": TOP_INITIATIVES},
        "variants": variants,
        "map": _map(graph, initiative) if with_map else {"available": False},
        "rules": _rule_notes(),
    }


def _rule_notes() -> dict[str, list[str]]:
    """Rule id → [why, file:line] of every rule loaded (kg's and the active packs'),
    for the side panel: a few hundred short entries, whatever the graph's size."""
    from kg.lang.rules import load_rules

    return {r.id: [r.why, r.location] for r in sorted(load_rules(), key=lambda r: r.id)}


def _map(graph: nx.MultiDiGraph, initiative: list[dict[str, Any]]) -> dict[str, Any]:
    """Boundaries for the map view (``kg.geo``): the districts the initiative links
    reach, and every other county of their provinces and of the provinces and
    prefectures the links reach. A district with no 6-digit
    code or no boundary is listed beside the map by the page."""
    from kg.geo import map_data

    places, provinces = {}, set()
    for link in initiative:
        attrs = graph.nodes[link["to"]]
        code = str(attrs.get("code") or "")
        if attrs.get("level") in DISTRICT_LEVELS and len(code) == 6:
            places[link["to"]] = code
        if len(code) >= 2:  # a province or prefecture said to run it: drawn too
            provinces.add(code[:2])
    if not provinces:
        return {"available": True, "width": 0, "height": 0, "shapes": [], "ids": {}}
    return map_data(places, provinces)


def view_data(
    graph: nx.MultiDiGraph,
    texts: dict[str, str] | None = None,
    *,
    with_map: bool = False,
) -> dict[str, Any]:
    """Everything the page draws, as plain JSON-able data (documents left out).

    ``nodes`` (with the degree, number of documents and districts of each) and
    ``edges`` (``[source index, target index, type index, label]``) are the whole
    graph; ``initiative`` the programme ↔ district roll-up; ``details`` the side
    panel of each node (a sentence names its document by index in ``docs`` and
    its article by index in ``nodes``); ``left_out`` the types too numerous
    for the page (metrics past ``MAX_METRICS``); ``variants`` the
    ``[variant, programme]`` pairs; ``map`` the map view's boundaries
    (``kg.geo``; only ``with_map``, else ``{"available": False}``).
    """
    return {
        key: dict(value.pairs)
        if isinstance(value, _Pairs)
        else list(value)
        if isinstance(value, Iterator)
        else value
        for key, value in _view(graph, texts, with_map=with_map).items()
    }


def to_pyvis(graph: nx.MultiDiGraph, *, metrics: bool = False) -> Any:
    """A pyvis ``Network`` of the whole graph, for notebooks (documents left out).

    Nodes and edges are appended to ``net.nodes``/``net.edges`` directly: pyvis's
    ``add_node`` is O(n) per call.
    """
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    data = view_data(graph)
    for node in data["nodes"]:
        if metrics or node["type"] != "metric":
            net.nodes.append(
                {
                    "id": node["id"],
                    "label": node["name"],
                    "title": f"{node['name']}\n{node['type']}\n{node.get('info', '')}",
                    "color": COLOURS[node["type"]],
                    "shape": SHAPES[node["type"]],
                    "value": max(1, node["degree"]),
                }
            )
            net.node_ids.append(node["id"])
    kept = set(net.node_ids)
    ids = [node["id"] for node in data["nodes"]]
    for source, target, kind, _ in data["edges"]:
        if ids[source] in kept and ids[target] in kept:
            net.edges.append(
                {
                    "from": ids[source],
                    "to": ids[target],
                    "title": data["edge_types"][kind],
                    "arrows": "to",
                }
            )
    return net


# One encoder for every piece: the same text as json.dumps(ensure_ascii=False,
# sort_keys=True). The view's data has no cycles, so the check is left out.
_ENCODE = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, check_circular=False
).encode


def _escape(text: str) -> str:
    """No "</script>" or "<!--" can end the element. Piece by piece as on the whole:
    "<", ">" and "&" occur in JSON only inside strings, one character each."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _script_json(value: object) -> str:
    """JSON safe inside <script>: no "</script>" or "<!--" can end the element.

    >>> _script_json({"a": "</script><b>&"})
    '{"a": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    return _escape(_ENCODE(value))


def _chunks(
    items: Iterator[Any], make: Callable[[list[Any]], Any], brackets: str
) -> Iterator[str]:
    """A list (``make=list``) or dict (``make=dict`` of sorted pairs) encoded
    CHUNK entries at a time: each chunk's text without its brackets, joined by
    ", " as json.dumps joins entries."""
    yield brackets[0]
    separator = ""
    while batch := list(islice(items, CHUNK)):
        yield separator
        yield _script_json(make(batch))[1:-1]
        separator = ", "
    yield brackets[1]


def _script_json_pieces(data: dict[str, Any]) -> Iterator[str]:
    """``_script_json(view_data(…))`` in pieces, from _view's lazy data.

    >>> "".join(_script_json_pieces({"b": iter([1, 2]), "a": _Pairs(iter([("x", "<")]))}))
    '{"a": {"x": "\\\\u003c"}, "b": [1, 2]}'
    """
    yield "{"
    for n, key in enumerate(sorted(data)):
        yield f"{', ' if n else ''}{_script_json(key)}: "
        value = data[key]
        if isinstance(value, _Pairs):
            yield from _chunks(value.pairs, dict, "{}")
        elif isinstance(value, Iterator):
            yield from _chunks(value, list, "[]")
        else:
            yield _script_json(value)
    yield "}"


def _pyvis_dir() -> Path:
    """pyvis's package folder, found without importing pyvis (IPython: 2 s)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pyvis is not installed (it carries vis-network)")
    return Path(next(iter(spec.submodule_search_locations)))


def _page_pieces(
    graph: nx.MultiDiGraph, texts: dict[str, str] | None, title: str
) -> Iterator[str]:
    """The page's text in pieces: a large graph's page is 50 M characters, held
    four bytes each when one is outside the BMP, and copied by every replace."""
    import html

    vis_js = (_pyvis_dir() / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text(
        encoding="utf-8"
    )
    template = (resources.files("kg") / "templates" / "graph.html").read_text(
        encoding="utf-8"
    )
    values: dict[str, Callable[[], Iterable[str]]] = {
        "vis_js": lambda: [vis_js.replace("</script", "<\\/script")],
        "title": lambda: [html.escape(title)],
        "data_json": lambda: _script_json_pieces(_view(graph, texts, with_map=True)),
    }
    # One pass, so a placeholder inside a substituted value is never expanded:
    # split's odd items are the placeholders' names.
    for n, part in enumerate(re.split(r"\{\{ (\w+) \}\}", template)):
        if n % 2:
            yield from values[part]()
        else:
            yield part


def render_html(
    graph: nx.MultiDiGraph, texts: dict[str, str] | None = None, *, title: str = "kg"
) -> str:
    """The page as a string; ``texts`` (doc id → text) feeds the source sentences."""
    return "".join(_page_pieces(graph, texts, title))


def write_html(
    graph: nx.MultiDiGraph, path: Path, texts: dict[str, str] | None = None
) -> None:
    """Write the page as UTF-8 (explicitly: pyvis does not, which breaks Chinese on Windows).

    Piece by piece, via a temporary file (no reader sees half a file): the whole
    page as one string cost 0.6 GB on a large corpus.
    """
    with (
        atomic_output(path) as tmp,
        tmp.open("w", encoding="utf-8", newline="\n") as f,
    ):
        f.writelines(_page_pieces(graph, texts, path.stem))
