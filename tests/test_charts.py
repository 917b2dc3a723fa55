"""Activity charts: a bar per month, month and year ticks, the counts as text."""

from __future__ import annotations

import datetime as dt
import itertools
import re

from site_builder.core.charts import MAX_BAR, Node, activity_chart, place_labels, text_width


def bars(svg: str) -> list[float]:
    return [float(w) for w in re.findall(r'<rect x="[^"]+" y="[^"]+" width="([^"]+)"', svg)]


def labels(svg: str) -> list[str]:
    return re.findall(r'class="ba-axis-label[^"]*">([^<]+)</text>', svg)


def test_one_month_is_one_bar_not_a_block() -> None:
    chart = activity_chart([dt.date(2023, 12, 1), dt.date(2023, 12, 20)], "Briefings", "briefing")
    assert chart is not None
    assert len(bars(chart.svg)) == 1 and bars(chart.svg)[0] <= MAX_BAR
    assert "Dec" in labels(chart.svg) and "2023" in labels(chart.svg)
    assert chart.rows == (("2023-12", "December 2023", 2),)
    assert "2 briefings in December 2023" in chart.summary


def test_every_month_has_a_bar_and_every_year_a_tick() -> None:
    dates = [dt.date(2021 + i // 12, i % 12 + 1, 5) for i in range(30)]  # Jan 2021 .. Jun 2023
    chart = activity_chart(dates, "Briefings", "briefing")
    assert chart is not None
    assert len(bars(chart.svg)) == 30
    shown = labels(chart.svg)
    assert {"2021", "2022", "2023"} <= set(shown)
    assert shown.count("J") >= 5  # quarterly month ticks: January and July of each year
    assert [r[0] for r in chart.rows][:2] == ["2021-01", "2021-02"] and len(chart.rows) == 30


def test_gaps_are_months_without_a_bar() -> None:
    chart = activity_chart([dt.date(2024, 1, 3), dt.date(2024, 4, 3)], "Briefings", "briefing")
    assert chart is not None
    assert len(bars(chart.svg)) == 2 and [n for _, _, n in chart.rows] == [1, 0, 0, 1]
    assert labels(chart.svg)[2:] == ["Jan", "2024", "Feb", "Mar", "Apr"]


def test_labels_are_placed_apart_or_left_out() -> None:
    nodes = [Node(f"n{i}", f"A rather long actor name {i}", 10 - i) for i in range(10)]
    positions = {n.id: (200.0 + (i % 2) * 4, 100.0 + i * 3) for i, n in enumerate(nodes)}  # a tight cluster
    radius = {n.id: 5.0 for n in nodes}
    placed = place_labels(nodes, positions, radius, (400, 200), 14)
    assert 2 <= len(placed) < len(nodes)
    boxes = [
        (x, y - 14, x + text_width(n.label, 14), y)
        for n in nodes
        if n.id in placed
        for x, y, _ in [placed[n.id]]
    ]
    for i, a in enumerate(boxes):
        assert 0 <= a[0] and a[2] <= 400
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_year_labels_keep_apart_at_any_span() -> None:
    for months in (2, 3, 14, 40, 121, 400):
        dates = [
            dt.date(2015 + (10 + i) // 12, (10 + i) % 12 + 1, 1) for i in range(months)
        ]  # from November 2015
        chart = activity_chart(dates, "Briefings", "briefing")
        assert chart is not None
        xs = [
            float(x)
            for x in re.findall(r'<text x="([^"]+)" y="[^"]+" class="ba-axis-label ba-axis-year">', chart.svg)
        ]
        assert xs, months
        assert all(b - a >= 46 for a, b in itertools.pairwise(xs)), (months, xs)
        assert all(x + 44 <= 520 for x in xs), (months, xs)
