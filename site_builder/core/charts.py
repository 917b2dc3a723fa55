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
import functools
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

#: The network page shows at most this many actors and ties (readable at any archive size).
NETWORK_NODES = 40
NETWORK_EDGES = 100
EGO_NEIGHBOURS = 8
#: How strongly the layout pulls nodes to the middle (0: not at all).
GRAVITY = 0.6


def _months_between(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    months = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


@dataclass(frozen=True)
class Activity:
    """Counts per month over a span, drawn as bars, with a one-line summary and the counts as text."""

    svg: str
    summary: str
    rows: tuple[tuple[str, str, int], ...]  # (ISO month, month name, count), oldest first


#: Bars are never wider than this, so one month reads as one bar and not as a block.
MAX_BAR = 36


def activity_chart(dates: Sequence[dt.date], label: str, unit: str = "mention",
                   span: tuple[dt.date, dt.date] | None = None, scale: int = 0) -> Activity | None:
    """Bar chart of ``unit``s per month from the first to the last (or over ``span``, so that
    charts of several series line up, with a common ``scale`` for the tallest bar), with month and
    year ticks."""
    if not dates:
        return None
    counts = Counter((d.year, d.month) for d in dates)
    months = _months_between(*(span or (min(dates), max(dates))))
    peak_month, peak = max(counts.items(), key=lambda p: (p[1], -p[0][0], -p[0][1]))
    top_value = max(peak, scale)
    width, height, left, top = 520, 150, 30, 8
    axis_y = height - 36  # month ticks below the axis, years below them
    step = min((width - left - 2) / len(months), MAX_BAR)
    bar = max(step * 0.82, 1.0) if step >= 3 else max(step, 0.6)
    plot_h = axis_y - top
    parts = [f'<line x1="{left}" y1="{axis_y}" x2="{width}" y2="{axis_y}" class="ba-axis"/>',
             f'<text x="{left - 4}" y="{top + 8}" text-anchor="end" class="ba-axis-label">{top_value}</text>',
             f'<text x="{left - 4}" y="{axis_y}" text-anchor="end" class="ba-axis-label">0</text>']
    # Month ticks: every month when there is room, else every quarter, else none; years always.
    every = 1 if step >= 34 else 3 if step >= 11 else 0
    year_room = 46  # a year label's width, with room to spare, at the largest font the CSS sets
    year_every = max(1, math.ceil(year_room / (step * 12)))
    last_year_x = -math.inf
    for i, (y, m) in enumerate(months):
        x = left + i * step
        n = counts.get((y, m), 0)
        name = f"{dt.date(y, m, 1):%B %Y}"
        if n:
            h = max(2.0, plot_h * n / top_value)
            parts.append(f'<rect x="{x + (step - bar) / 2:.2f}" y="{axis_y - h:.2f}" width="{bar:.2f}" '
                         f'height="{h:.2f}"><title>{name}: {n}</title></rect>')
        if every and (m - 1) % every == 0:
            text = f"{dt.date(y, m, 1):%b}" if every == 1 else f"{dt.date(y, m, 1):%b}"[0]
            parts.append(f'<text x="{x + step / 2:.2f}" y="{axis_y + 13}" text-anchor="middle" '
                         f'class="ba-axis-label">{text}</text>')
        # A year is labelled at its January, or where the chart starts, when its label has room
        # before the edge and the next year's label.
        if (m == 1 or i == 0) and (y - months[0][0]) % year_every == 0:
            next_january = x + (13 - m) * step if m != 1 and len(months) - i > 13 - m else math.inf
            if x - last_year_x >= year_room and x + year_room <= width and next_january - x >= year_room:
                last_year_x = x
                parts.append(
                    f'<line x1="{x:.2f}" y1="{axis_y}" x2="{x:.2f}" y2="{axis_y + (30 if every else 6)}" '
                    f'class="ba-axis"/>'
                )
                parts.append(
                    f'<text x="{x + 2:.2f}" y="{axis_y + 29}" class="ba-axis-label ba-axis-year">{y}</text>'
                )
    first, last = min(counts), max(counts)
    span_text = (f"in {dt.date(*first, 1):%B %Y}" if first == last else
            f"from {dt.date(*first, 1):%B %Y} to {dt.date(*last, 1):%B %Y}")
    summary = (f"{label}: {len(dates)} {unit}{'s' if len(dates) != 1 else ''} {span_text}; busiest month "
               f"{dt.date(*peak_month, 1):%B %Y} ({peak}).")
    svg = (
        f'<svg class="ba-activity" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(summary)}">'
        + "".join(parts)
        + "</svg>"
    )
    rows = tuple((f"{y:04d}-{m:02d}", f"{dt.date(y, m, 1):%B %Y}", counts.get((y, m), 0)) for y, m in months)
    return Activity(svg, summary, rows)


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    weight: float
    kind: str = "person"


#: Label font sizes, in the drawing's units.
NETWORK_FONT = 15
EGO_FONT = 14
#: Widths of characters as a share of the font size: generous, so that the widest sans-serif
#: fonts a reader's system may use (DejaVu Sans, Verdana) still fit the box a label is given.
_NARROW = set("ijlI.,:;'!|()[]{} ")
_WIDE = set("MWmw@%")


def text_width(text: str, size: float) -> float:
    """An upper estimate of the width of ``text`` set at ``size`` in a sans-serif font."""
    units = 0.0
    for ch in text:
        if ch in _NARROW:
            units += 0.36
        elif ch in _WIDE:
            units += 0.95
        elif ch.isupper() or ch.isdigit():
            units += 0.74
        else:
            units += 0.62
    return units * size + 2


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(nodes: Sequence[Node], positions: dict[str, tuple[float, float]], radius: dict[str, float],
                 size: tuple[int, int], font: float) -> dict[str, tuple[float, float, str]]:
    """Where each label goes, as (x, baseline y, text-anchor), so that no two labels overlap, none
    covers a node, and none crosses the drawing's edge.

    Nodes are labelled heaviest first; each label tries eight places around its node, nearest
    first, then above or below flush with one side of it. A label that fits nowhere is left out
    (the node keeps its tooltip, and the page lists every actor as text).
    """
    width, height = size
    line = font * 1.3  # the text box: ascent plus descent, with room to spare
    circles: list[Box] = [(x - radius[n] - 1, y - radius[n] - 1, x + radius[n] + 1, y + radius[n] + 1)
                          for n, (x, y) in positions.items()]
    taken: list[Box] = []
    out: dict[str, tuple[float, float, str]] = {}
    for node in sorted(nodes, key=lambda n: (-n.weight, n.id)):
        x, y = positions[node.id]
        r = radius[node.id]
        w = text_width(node.label, font)
        gap = r + 3
        # (left edge, top edge) of the label box for each candidate place, nearest to the node first.
        candidates = [
            (x + gap, y - line / 2), (x - gap - w, y - line / 2),
            (x - w / 2, y - gap - line), (x - w / 2, y + gap),
            (x + gap * 0.7, y - gap * 0.7 - line), (x + gap * 0.7, y + gap * 0.7),
            (x - gap * 0.7 - w, y - gap * 0.7 - line), (x - gap * 0.7 - w, y + gap * 0.7),
            # Above or below, flush with one side of the node: for nodes near the drawing's edges.
            (x + r - w, y - gap - line), (x + r - w, y + gap), (x - r, y - gap - line), (x - r, y + gap),
        ]
        for left, top in candidates:
            box = (left, top, left + w, top + line)
            if box[0] < 1 or box[1] < 1 or box[2] > width - 1 or box[3] > height - 1:
                continue
            if any(_overlaps(box, other) for other in taken) or any(_overlaps(box, c) for c in circles):
                continue
            taken.append(box)
            out[node.id] = (left, top + line * 0.77, "start")
            break
    return out


def _graph_svg(positions: dict[str, tuple[float, float]], nodes: Sequence[Node],
               edges: Sequence[tuple[str, str, float]], href: Callable[[str], str], size: tuple[int, int],
               summary: str, css_class: str, centre: str | None = None, font: float = EGO_FONT) -> str:
    width, height = size
    max_edge = max((n for _, _, n in edges), default=1) or 1
    max_weight = max((n.weight for n in nodes), default=1) or 1
    radius = {node.id: 4 + 8 * math.sqrt(node.weight / max_weight) for node in nodes}
    labels = place_labels(nodes, positions, radius, size, font)
    # role=group, not img: the nodes are links, and an image may not contain interactive elements.
    parts = [
        (f'<svg class="{css_class}" viewBox="0 0 {width} {height}" role="group" '
         f'aria-label="{escape(summary)}">')
    ]
    for a, b, n in edges:
        (x1, y1), (x2, y2) = positions[a], positions[b]
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke-width="{0.6 + 3.4 * n / max_edge:.2f}" class="ba-edge"/>')
    for node in nodes:
        x, y = positions[node.id]
        cls = f"ba-node ba-node--{node.kind}" + (" ba-node--centre" if node.id == centre else "")
        label = ""
        if node.id in labels:
            lx, ly, anchor = labels[node.id]
            label = (f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" font-size="{font}">'
                     f'{escape(node.label)}</text>')
        else:
            cls += " ba-node--unlabelled"
        parts.append(f'<a href="{escape(href(node.id))}" class="{cls}"><circle cx="{x:.1f}" cy="{y:.1f}" '
                     f'r="{radius[node.id]:.1f}"/>{label}<title>{escape(node.label)}</title></a>')
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


def network_graph(nodes: Sequence[Node], edges: Sequence[tuple[str, str, float]],
                  href: Callable[[str], str], label: str = "Co-mention network") -> str | None:
    """The strongest ties between the most-connected actors, laid out by a fixed force simulation."""
    if not edges:
        return None
    size = (800, 600)
    positions = _force_layout([n.id for n in nodes], edges, size)
    summary = (f"{label}: the {len(nodes)} most connected actors and their "
               f"{len(edges)} strongest ties; the lists below the graph give them as text.")
    return _graph_svg(positions, nodes, edges, href, size, summary, "ba-network", font=NETWORK_FONT)


def _force_layout(ids: Sequence[str], edges: Sequence[tuple[str, str, float]], size: tuple[int, int],
                  iterations: int = 120) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold from a circle, with a pull to the middle so that nodes do not pile up
    along the edges: deterministic, O(iterations * n^2) for n <= NETWORK_NODES.

    The same graph is laid out once per process: ``mkdocs serve`` redraws the network after every
    edit, and most edits leave it unchanged."""
    return dict(_layout(tuple(ids), tuple(edges), size, iterations))


@functools.lru_cache(maxsize=32)
def _layout(ids: tuple[str, ...], edges: tuple[tuple[str, str, float], ...], size: tuple[int, int],
            iterations: int) -> tuple[tuple[str, tuple[float, float]], ...]:
    n = len(ids)
    width, height = size
    margin = 50
    area = (width - 2 * margin) * (height - 2 * margin)
    k = math.sqrt(area / max(n, 1))
    kk = k * k
    cx, cy = width / 2, height / 2
    xs = [cx + (cx - margin) * math.cos(2 * math.pi * i / n) for i in range(n)]
    ys = [cy + (cy - margin) * math.sin(2 * math.pi * i / n) for i in range(n)]
    at = {node: i for i, node in enumerate(ids)}
    max_n = max(w for _, _, w in edges) or 1
    springs = [(at[a], at[b], (0.3 + 0.7 * w / max_n) / k) for a, b, w in edges]
    pull = GRAVITY * k / 100
    temperature = width / 10
    for _ in range(iterations):
        fx, fy = [0.0] * n, [0.0] * n
        for i in range(n):  # every pair repels: force k^2/d along the line between them
            ax, ay = xs[i], ys[i]
            sx = sy = 0.0
            for j in range(i + 1, n):
                dx, dy = ax - xs[j], ay - ys[j]
                f = kk / (dx * dx + dy * dy or 0.0001)
                sx += dx * f
                sy += dy * f
                fx[j] -= dx * f
                fy[j] -= dy * f
            fx[i] += sx
            fy[i] += sy
        for i, j, strength in springs:  # ties attract: force d^2/k, stronger for stronger ties
            dx, dy = xs[i] - xs[j], ys[i] - ys[j]
            f = math.sqrt(dx * dx + dy * dy) * strength
            fx[i] -= dx * f
            fy[i] -= dy * f
            fx[j] += dx * f
            fy[j] += dy * f
        for i in range(n):
            dx = fx[i] - (xs[i] - cx) * pull
            dy = fy[i] - (ys[i] - cy) * pull
            length = math.sqrt(dx * dx + dy * dy) or 0.01
            step = min(length, temperature) / length
            xs[i] = min(width - margin, max(margin, xs[i] + dx * step))
            ys[i] = min(height - margin, max(margin, ys[i] + dy * step))
        temperature *= 0.96
    # Stretch the result to fill the canvas: the simulation settles wherever its forces balance.
    left, top = min(xs), min(ys)
    span_x, span_y = (max(xs) - left) or 1, (max(ys) - top) or 1
    return tuple((node, (round(margin + (x - left) / span_x * (width - 2 * margin), 1),
                         round(margin + (y - top) / span_y * (height - 2 * margin), 1)))
                 for node, x, y in zip(ids, xs, ys))
