"""Charts as plain SVG, drawn from the numbers: for the report (HTML, PDF, Word) and the presentation.

No browser needed (the screens keep their interactive plotly charts in scan/rules/charts.py). Every chart
comes with its text alternative: the same numbers in a sentence, for screen readers and the PDF's
structure tree. Everything stays inside the drawing area: a marker at 100 is drawn whole.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from scan.base.formatting import nl_number, nl_signed
from scan.rules.trend import last_change

INK = "#1A1A1A"
PRIMARY = "#0B5394"
MUTED = "#5F6B7A"
BAND = "#C9CFD6"
GRID = "#D9DEE5"
FONT = "DejaVu Sans, Source Sans Pro, sans-serif"
TICKS = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class Chart:
    svg: str
    alt: str  # the numbers the chart shows, in words


@dataclass(frozen=True)
class Band:
    """The peer group for one priority: median and middle half (q1-q3)."""

    median: float
    q1: float
    q3: float


def _text(x: float, y: float, text: str, size: float, anchor: str = "start", **extra: str) -> str:
    attrs = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in extra.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}"{attrs}>'
        f"{escape(text)}</text>"
    )


def _svg(width: float, height: float, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}" role="img" font-family="{FONT}" fill="{INK}">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _score(value: float | None) -> str:
    return nl_number(value) if value is not None else "nog geen score"


def bars(
    labels: list[str],
    scores: list[float | None],
    title: str,
    bands: list[Band | None] | None = None,
    font_size: float = 14,
    width: float = 760,
) -> Chart:
    """One row per priority: the score as a bar (or, with ``bands``, as a diamond on the peers'
    middle half with their median as a line). The value is written at the end of each row."""
    row = font_size * 2.4
    label_w = max(len(label) for label in labels) * font_size * 0.58 + 10
    value_w = font_size * 7
    x0, x1 = label_w + 8, width - value_w
    top, bottom = font_size * 0.8, font_size * 3.2
    height = top + row * len(labels) + bottom

    def x(v: float) -> float:
        return x0 + (x1 - x0) * v / 100

    body = []
    for t in TICKS:
        body.append(
            f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{top:.1f}" y2="{height - bottom:.1f}" stroke="{GRID}"/>'
        )
        body.append(_text(x(t), height - bottom + font_size * 1.3, nl_number(t), font_size * 0.85, "middle"))
    body.append(_text((x0 + x1) / 2, height - font_size * 0.4, "score (0–100)", font_size * 0.85, "middle"))
    parts = []
    for i, (label, score) in enumerate(zip(labels, scores, strict=True)):
        cy = top + row * i + row / 2
        band = bands[i] if bands else None
        body.append(_text(label_w, cy + font_size * 0.35, label, font_size, "end"))
        if bands is not None:
            if band is not None:
                body.append(
                    f'<rect x="{x(band.q1):.1f}" y="{cy - row * 0.3:.1f}" width="{x(band.q3) - x(band.q1):.1f}" '
                    f'height="{row * 0.6:.1f}" fill="{BAND}"/>'
                )
                body.append(
                    f'<line x1="{x(band.median):.1f}" x2="{x(band.median):.1f}" y1="{cy - row * 0.38:.1f}" '
                    f'y2="{cy + row * 0.38:.1f}" stroke="{MUTED}" stroke-width="3"/>'
                )
            if score is not None:
                r = font_size * 0.55
                cx = x(score)
                body.append(
                    f'<polygon points="{cx:.1f},{cy - r:.1f} {cx + r:.1f},{cy:.1f} {cx:.1f},{cy + r:.1f} '
                    f'{cx - r:.1f},{cy:.1f}" fill="{PRIMARY}" stroke="white" stroke-width="1"/>'
                )
            value = _score(score) if band is None else f"{_score(score)} · {nl_number(band.median)}"
        else:
            if score is not None:
                body.append(
                    f'<rect x="{x0:.1f}" y="{cy - row * 0.3:.1f}" width="{x(score) - x0:.1f}" '
                    f'height="{row * 0.6:.1f}" fill="{PRIMARY}"/>'
                )
            value = _score(score)
        body.append(_text(x1 + font_size * 0.8, cy + font_size * 0.35, value, font_size * 0.9))
        part = f"{label}: {_score(score)}"
        if bands is not None:
            part += (
                f" (groep: mediaan {nl_number(band.median)}, middelste helft {nl_number(band.q1)}–{nl_number(band.q3)})"
                if band is not None
                else " (groep: te weinig gegevens)"
            )
        parts.append(part)
    if bands is not None:
        ly = top - font_size * 0.2
        body.insert(0, _text(x1 + font_size * 0.8, ly + font_size * 0.5, "u · groep", font_size * 0.8))
    return Chart(_svg(width, height, title, body), f"{title}. " + "; ".join(parts) + ".")


def radar(
    labels: list[str],
    scores: list[float | None],
    title: str,
    medians: list[float] | None = None,
    font_size: float = 14,
    size: float = 560,
) -> Chart:
    """A spider chart of the priorities (0 in the middle, 100 at the edge); a priority without a score
    sits at 0 and says so in its label. ``medians`` adds the peer group's median as a dashed line."""
    longest = max(len(f"{label} {_score(score)}") for label, score in zip(labels, scores, strict=True))
    radius = size / 2 - font_size * 3
    width = 2 * (radius + font_size * 1.5 + longest * font_size * 0.62)  # room for the side labels
    cx, cy = width / 2, size / 2
    n = len(labels)

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + radius * value / 100 * math.cos(angle), cy + radius * value / 100 * math.sin(angle)

    def polygon(values: list[float]) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in enumerate(values)))

    body = []
    for t in TICKS[1:]:
        body.append(f'<polygon points="{polygon([t] * n)}" fill="none" stroke="{GRID}"/>')
        _, ty = point(0, t)
        body.append(_text(cx + 4, ty + font_size * 0.9, nl_number(t), font_size * 0.75, fill=MUTED))
    for i in range(n):
        x, y = point(i, 100)
        body.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
    values = [s if s is not None else 0 for s in scores]
    body.append(
        f'<polygon points="{polygon(values)}" fill="{PRIMARY}" fill-opacity="0.18" stroke="{PRIMARY}" stroke-width="3"/>'
    )
    if medians is not None:
        body.append(
            f'<polygon points="{polygon(medians)}" fill="none" stroke="{MUTED}" stroke-width="2.5" stroke-dasharray="8 5"/>'
        )
    for i, (label, score) in enumerate(zip(labels, scores, strict=True)):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        lx, ly = (
            cx + (radius + font_size * 0.9) * math.cos(angle),
            cy + (radius + font_size * 0.9) * math.sin(angle),
        )
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        ly += font_size * (0.35 + 0.6 * math.sin(angle))
        body.append(_text(lx, ly, f"{label} {_score(score)}", font_size, anchor))
    parts = [f"{label}: {_score(s)}" for label, s in zip(labels, scores, strict=True)]
    alt = f"{title}. " + "; ".join(parts) + "."
    if medians is not None:
        alt += (
            " Mediaan van de groep: "
            + "; ".join(f"{label}: {nl_number(m)}" for label, m in zip(labels, medians, strict=True))
            + "."
        )
    return Chart(_svg(width, size, title, body), alt)


def small_multiples(
    labels: list[str],
    years: list[int],
    series: list[list[float | None]],
    title: str,
    columns: int = 4,
    font_size: float = 13,
    width: float = 760,
) -> Chart:
    """One small panel per priority with its own line over the rounds: no tangle of eight lines.
    Each point carries its score; the change since the previous round is in the panel's title."""
    rows = math.ceil(len(labels) / columns)
    panel_w = width / columns
    panel_h = font_size * 14
    height = rows * panel_h
    body, parts = [], []
    for n, (label, values) in enumerate(zip(labels, series, strict=True)):
        px, py = (n % columns) * panel_w, (n // columns) * panel_h
        left, right = px + font_size * 2, px + panel_w - font_size * 2
        top, bottom = py + font_size * 3.4, py + panel_h - font_size * 2.2
        change = last_change(values)
        heading = label if change is None else f"{label} ({nl_signed(change)})"
        body.append(
            _text(px + panel_w / 2, py + font_size * 1.4, heading, font_size, "middle", font_weight="bold")
        )
        body.append(
            f'<rect x="{left:.1f}" y="{top:.1f}" width="{right - left:.1f}" height="{bottom - top:.1f}" fill="none" stroke="{GRID}"/>'
        )

        step = (right - left) / max(len(years) - 1, 1)

        def at(i: int, v: float, left=left, step=step, top=top, bottom=bottom) -> tuple[float, float]:
            x = left + step * i if len(years) > 1 else left + step / 2
            return x, bottom - (bottom - top) * v / 100

        points = [(at(i, v), v) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            body.append(
                '<polyline points="'
                + " ".join(f"{x:.1f},{y:.1f}" for (x, y), _ in points)
                + f'" fill="none" stroke="{PRIMARY}" stroke-width="3"/>'
            )
        for (x, y), v in points:
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{font_size * 0.35:.1f}" fill="{PRIMARY}"/>')
            body.append(_text(x, y - font_size * 0.6, nl_number(v), font_size * 0.9, "middle"))
        for i, year in enumerate(years):
            x, _ = at(i, 0)
            body.append(_text(x, bottom + font_size * 1.3, str(year), font_size * 0.85, "middle", fill=MUTED))
        parts.append(
            f"{label}: " + ", ".join(f"{year} {_score(v)}" for year, v in zip(years, values, strict=True))
        )
    return Chart(_svg(width, height, title, body), f"{title}. " + "; ".join(parts) + ".")
