"""Static SVG charts and graphs, laid out at build time.

Readers get pictures without JavaScript: an actor's mentions per month, an
actor's ego graph, and the archive-wide co-mention network. Every function
returns finished SVG markup; every label and link passes through
:func:`html.escape` here, because names come from curated but untrusted
registries. Layouts are deterministic (no randomness, fixed iteration counts)
so builds stay byte-identical. No I/O.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

#: The network page shows at most this many actors and ties (readable at any archive size).
NETWORK_NODES = 40
NETWORK_EDGES = 100
EGO_NEIGHBOURS = 8


def _months_between(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    months = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


@dataclass(frozen=True)
class Activity:
    """Mentions per month over an actor's active span, with a one-line text alternative."""

    svg: str
    summary: str


def activity_chart(dates: Sequence[dt.date], label: str) -> Activity | None:
    """Bar chart of mentions per month from the first to the last mention."""
    if not dates:
        return None
    counts = Counter((d.year, d.month) for d in dates)
    months = _months_between(min(dates), max(dates))
    peak_month, peak = max(counts.items(), key=lambda p: (p[1], p[0]))
    width, height, pad = 600, 120, 18
    bar = (width - 2) / len(months)
    bars = []
    for i, (y, m) in enumerate(months):
        n = counts.get((y, m), 0)
        if n:
            h = max(2.0, (height - pad - 4) * n / peak)
            bars.append(f'<rect x="{1 + i * bar:.2f}" y="{height - pad - h:.2f}" width="{max(bar - 1, 0.8):.2f}" '
                        f'height="{h:.2f}"><title>{dt.date(y, m, 1):%b %Y}: {n}</title></rect>')
    first, last = months[0], months[-1]
    span = (f"in {dt.date(*first, 1):%B %Y}" if first == last else
            f"from {dt.date(*first, 1):%B %Y} to {dt.date(*last, 1):%B %Y}")
    summary = (f"{label}: {len(dates)} mention{'s' if len(dates) != 1 else ''} {span}; busiest month "
               f"{dt.date(*peak_month, 1):%B %Y} ({peak}).")
    svg = (f'<svg class="ba-activity" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(summary)}" '
           f'preserveAspectRatio="none">'
           f'<line x1="0" y1="{height - pad}" x2="{width}" y2="{height - pad}" class="ba-axis"/>'
           + "".join(bars)
           + f'<text x="0" y="{height - 4}" class="ba-axis-label">{dt.date(*first, 1):%b %Y}</text>'
           f'<text x="{width}" y="{height - 4}" text-anchor="end" class="ba-axis-label">'
           f'{dt.date(*last, 1):%b %Y}</text></svg>')
    return Activity(svg, summary)


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    weight: int


def _graph_svg(positions: dict[str, tuple[float, float]], nodes: Sequence[Node],
               edges: Sequence[tuple[str, str, int]], href: Callable[[str], str], size: tuple[int, int],
               summary: str, css_class: str, centre: str | None = None) -> str:
    width, height = size
    max_edge = max((n for _, _, n in edges), default=1)
    max_weight = max((n.weight for n in nodes), default=1)
    # role=group, not img: the nodes are links, and an image may not contain interactive elements.
    parts = [f'<svg class="{css_class}" viewBox="0 0 {width} {height}" role="group" aria-label="{escape(summary)}">']
    for a, b, n in edges:
        (x1, y1), (x2, y2) = positions[a], positions[b]
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke-width="{0.6 + 3.4 * n / max_edge:.2f}" class="ba-edge"/>')
    for node in nodes:
        x, y = positions[node.id]
        r = 4 + 8 * math.sqrt(node.weight / max_weight)
        # Labels point away from the middle of the picture, so they fall outside the web of edges.
        ox, oy = x - width / 2, y - height / 2
        dist = math.hypot(ox, oy)
        if dist < 1:
            anchor, dx, dy = "middle", 0.0, r + 14
        elif abs(ox) > 0.35 * dist:
            anchor = "start" if ox > 0 else "end"
            dx, dy = (r + 4) * (1 if ox > 0 else -1), 4.0
        else:
            anchor, dx, dy = "middle", 0.0, (r + 14) if oy > 0 else -(r + 5)
        cls = "ba-node ba-node--centre" if node.id == centre else "ba-node"
        parts.append(f'<a href="{escape(href(node.id))}" class="{cls}"><circle cx="{x:.1f}" cy="{y:.1f}" '
                     f'r="{r:.1f}"/><text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">'
                     f'{escape(node.label)}</text><title>{escape(node.label)}</title></a>')
    parts.append("</svg>")
    return "".join(parts)


def ego_graph(centre: Node, neighbours: Sequence[tuple[Node, int]], href: Callable[[str], str]) -> str | None:
    """An actor in the middle, its strongest co-mentions on a circle around it."""
    shown = list(neighbours[:EGO_NEIGHBOURS])
    if not shown:
        return None
    size = (640, 360)
    cx, cy = size[0] / 2, size[1] / 2
    positions = {centre.id: (cx, cy)}
    for i, (node, _) in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * i / len(shown)
        positions[node.id] = (cx + 120 * math.cos(angle), cy + 125 * math.sin(angle))
    edges = [(centre.id, node.id, n) for node, n in shown]
    summary = f"{centre.label} is most often named with " + ", ".join(
        f"{node.label} ({n})" for node, n in shown) + "."
    return _graph_svg(positions, [centre, *(n for n, _ in shown)], edges, href, size, summary, "ba-ego",
                      centre=centre.id)


def network_graph(nodes: Sequence[Node], edges: Sequence[tuple[str, str, int]],
                  href: Callable[[str], str]) -> str | None:
    """The strongest ties between the most-connected actors, laid out by a fixed force simulation."""
    if not edges:
        return None
    size = 800
    positions = _force_layout([n.id for n in nodes], edges, size)
    summary = (f"Co-mention network of the {len(nodes)} most connected actors and their "
               f"{len(edges)} strongest ties; the table below lists the ties.")
    return _graph_svg(positions, nodes, edges, href, (size, size), summary, "ba-network")


def _force_layout(ids: Sequence[str], edges: Sequence[tuple[str, str, int]], size: int,
                  iterations: int = 120) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold from a circle: deterministic, O(iterations * n^2) for n <= NETWORK_NODES."""
    n = len(ids)
    margin = 90
    area = (size - 2 * margin) ** 2
    k = math.sqrt(area / max(n, 1))
    pos = {node: [size / 2 + (size / 2 - margin) * math.cos(2 * math.pi * i / n),
                  size / 2 + (size / 2 - margin) * math.sin(2 * math.pi * i / n)] for i, node in enumerate(ids)}
    max_n = max(w for _, _, w in edges)
    temperature = size / 10
    for _ in range(iterations):
        disp = {node: [0.0, 0.0] for node in ids}
        for i, a in enumerate(ids):
            ax, ay = pos[a]
            for b in ids[i + 1:]:
                dx, dy = ax - pos[b][0], ay - pos[b][1]
                dist = math.hypot(dx, dy) or 0.01
                force = k * k / dist
                disp[a][0] += dx / dist * force
                disp[a][1] += dy / dist * force
                disp[b][0] -= dx / dist * force
                disp[b][1] -= dy / dist * force
        for a, b, w in edges:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = math.hypot(dx, dy) or 0.01
            force = dist * dist / k * (0.3 + 0.7 * w / max_n)
            disp[a][0] -= dx / dist * force
            disp[a][1] -= dy / dist * force
            disp[b][0] += dx / dist * force
            disp[b][1] += dy / dist * force
        for node in ids:
            dx, dy = disp[node]
            length = math.hypot(dx, dy) or 0.01
            step = min(length, temperature)
            pos[node][0] = min(size - margin, max(margin, pos[node][0] + dx / length * step))
            pos[node][1] = min(size - margin, max(margin, pos[node][1] + dy / length * step))
        temperature *= 0.96
    # Stretch the result to fill the canvas: the simulation settles wherever its forces balance.
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    inner = size - 2 * margin
    return {node: (round(margin + (x - min(xs)) / span_x * inner, 1), round(margin + (y - min(ys)) / span_y * inner, 1))
            for node, (x, y) in pos.items()}
