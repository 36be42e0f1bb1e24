"""View: an interactive HTML page (pyvis network data, vis-network drawing).

pyvis's own templates load vis-network and Bootstrap from CDNs even in "local" mode;
this page inlines vis-network from pyvis's package and needs no network at all.
Every string from a document reaches the page as JSON data and is put into the DOM
with ``textContent``, never as HTML, so a name like ``<img onerror=…>`` stays text.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.graph import write_atomic

COLOURS = {
    "place": "#2f9e44",
    "programme": "#e8590c",
    "person": "#1971c2",
    "organization": "#7048e8",
    "metric": "#f59f00",
    "article": "#868e96",
    "document": "#495057",
}
SHAPES = {
    "place": "dot",
    "programme": "diamond",
    "person": "triangle",
    "organization": "square",
    "metric": "dot",
    "article": "box",
    "document": "box",
}


def to_pyvis(graph: nx.MultiDiGraph, *, metrics: bool = False) -> Any:
    """A pyvis ``Network`` of the graph (documents and, by default, metrics left out).

    Nodes and edges are appended to ``net.nodes``/``net.edges`` directly: pyvis's
    ``add_node`` is O(n) per call.
    """
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    shown = {
        n
        for n, a in graph.nodes(data=True)
        if a["type"] != "document" and (metrics or a["type"] != "metric")
    }
    for node_id in sorted(shown):
        attrs = graph.nodes[node_id]
        hover = f"{attrs['name']}\n{attrs['type']}"
        for key in ("level", "kind", "code"):
            if attrs.get(key):
                hover += f"\n{key}: {attrs[key]}"
        net.nodes.append(
            {
                "id": node_id,
                "label": attrs["name"],
                "title": hover,
                "color": COLOURS[attrs["type"]],
                "shape": SHAPES[attrs["type"]],
                "value": max(1, len(attrs.get("mentions", []))),
            }
        )
        net.node_ids.append(node_id)
    for source, target, attrs in sorted(
        graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["type"])
    ):
        if source in shown and target in shown:
            net.edges.append(
                {
                    "from": source,
                    "to": target,
                    "title": attrs["type"],
                    "arrows": "to",
                    "label": attrs.get("title") or "",
                }
            )
    net.options = {
        "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 200}},
        "edges": {"smooth": False, "font": {"size": 9}},
        "nodes": {"font": {"size": 14}, "scaling": {"min": 8, "max": 30}},
        "interaction": {"hover": True},
    }
    return net


def _details(graph: nx.MultiDiGraph, texts: dict[str, str]) -> dict[str, Any]:
    details = {}
    for node_id, attrs in graph.nodes(data=True):
        evidence = []
        for m in attrs.get("mentions", [])[:5]:
            text = texts.get(m["doc"], "")
            evidence.append(
                {
                    "doc": m["doc"],
                    "start": m["start"],
                    "end": m["end"],
                    "before": text[max(0, m["start"] - 40) : m["start"]],
                    "mention": text[m["start"] : m["end"]],
                    "after": text[m["end"] : m["end"] + 40],
                }
            )
        keep = {
            k: v for k, v in attrs.items() if k not in ("mentions", "name", "aliases")
        }
        details[node_id] = {
            "name": attrs["name"],
            "aliases": attrs.get("aliases", []),
            "attrs": keep,
            "evidence": evidence,
        }
    return details


def _script_json(value: object) -> str:
    """JSON safe inside <script>: no "</script>" or "<!--" can end the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(
    graph: nx.MultiDiGraph, texts: dict[str, str] | None = None, *, title: str = "kg"
) -> str:
    """The page as a string; ``texts`` (doc id → text) feeds the source sentences."""
    import html

    import pyvis

    net = to_pyvis(graph)
    vis_js = (
        resources.files(pyvis) / "lib" / "vis-9.1.2" / "vis-network.min.js"
    ).read_text(encoding="utf-8")
    data = {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": net.options,
        "colours": COLOURS,
        "details": _details(graph, texts or {}),
    }
    template = (resources.files("kg") / "templates" / "graph.html").read_text(
        encoding="utf-8"
    )
    return (
        template.replace("{{ vis_js }}", vis_js.replace("</script", "<\\/script"))
        .replace("{{ title }}", html.escape(title))
        .replace("{{ data_json }}", _script_json(data))
    )


def write_html(
    graph: nx.MultiDiGraph, path: Path, texts: dict[str, str] | None = None
) -> None:
    """Write the page as UTF-8 (explicitly: pyvis does not, which breaks Chinese on Windows)."""
    write_atomic(path, render_html(graph, texts, title=path.stem))
