"""Plotly figures for the results, used by the app and (later) the report. No Streamlit here."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from scan.base.formatting import nl_number, nl_signed
from scan.content.questionbank import QuestionBank
from scan.rules.scoring import ScanScore
from scan.rules.trend import last_change

PRIMARY = "#0B5394"
MUTED = "#5F6B7A"
FONT = dict(family="Source Sans Pro, DejaVu Sans, sans-serif", size=15, color="#1A1A1A")
GRID = "#D9DEE5"
# Every series colour has at least 3:1 contrast on white (WCAG 1.4.11 for graphics).
COLOURS = ["#0B5394", "#B35806", "#1B7837", "#762A83", "#C51B7D", "#4D4D4D", "#01665E", "#8C510A"]
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "cross", "star", "triangle-down"]
_AXIS = dict(gridcolor=GRID, linecolor=GRID, zerolinecolor=GRID, automargin=True)
# Calm and white, the same in the app and the printed report. A small template of our own instead of
# "plotly_white": that one is ~6 kB of styling copied, validated and sent with every chart on every rerun.
TEMPLATE = go.layout.Template(
    layout=dict(
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=COLOURS,
        xaxis=_AXIS,
        yaxis=_AXIS,
        polar=dict(
            bgcolor="white",
            radialaxis=dict(gridcolor=GRID, linecolor=GRID),
            angularaxis=dict(gridcolor=GRID, linecolor=GRID),
        ),
        hoverlabel=dict(align="left"),
    )
)


def _fictief(fig: go.Figure, is_demo: bool | str | None) -> go.Figure:
    """Mark a chart that shows fictieve figures; a text says which (e.g. "Groepscijfers fictief")."""
    if is_demo:
        fig.add_annotation(
            text=is_demo if isinstance(is_demo, str) else "Fictieve voorbeelddata",
            xref="paper",
            yref="paper",
            x=1,
            y=1.08,
            showarrow=False,
            font=dict(color="#8A1C1C", size=13),
            xanchor="right",
        )
    return fig


def radar(bank: QuestionBank, score: ScanScore, name: str, is_demo: bool | str | None = False) -> go.Figure:
    """Spider chart of the eight priorities; unanswered priorities are drawn at 0 and marked."""
    labels = [p.short for p in bank.core_priorities]
    values = [p.score if p.score is not None else 0 for p in score.priorities]
    hover = [
        f"{p.name}: {nl_number(s.score) if s.score is not None else 'nog geen score'}"
        for p, s in zip(bank.core_priorities, score.priorities, strict=True)
    ]
    fig = go.Figure(
        go.Scatterpolar(
            r=[*values, values[0]],
            theta=[*labels, labels[0]],
            fill="toself",
            name=name,
            line=dict(color=PRIMARY, width=3),
            fillcolor="rgba(11, 83, 148, 0.18)",
            hovertext=[*hover, hover[0]],
            hoverinfo="text",
        )
    )
    fig.update_layout(
        polar=dict(
            radialaxis=dict(range=[0, 100], tickvals=[25, 50, 75, 100], angle=90, tickfont=dict(size=11)),
            angularaxis=dict(rotation=90, direction="clockwise"),
        ),
        showlegend=False,
        margin=dict(l=125, r=125, t=60, b=40),
        font=FONT,
        height=460,
        template=TEMPLATE,
    )
    return _fictief(fig, is_demo)


def priority_bars(bank: QuestionBank, score: ScanScore, is_demo: bool | str | None = False) -> go.Figure:
    """One bar per priority with its score and, in the label, how many questions it rests on."""
    names = [f"{p.id}. {p.short}" for p in bank.core_priorities]
    values = [s.score or 0 for s in score.priorities]
    text = [
        f"{nl_number(s.score)} · {s.answered} van {s.total} vragen"
        if s.score is not None
        else "nog geen score"
        for s in score.priorities
    ]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=names,
            orientation="h",
            text=text,
            textposition="outside",
            marker_color=PRIMARY,
            hoverinfo="skip",
        )
    )
    fig.update_layout(
        xaxis=dict(range=[0, 150], tickvals=[0, 25, 50, 75, 100], title="score (0–100) · beantwoorde vragen"),
        yaxis=dict(autorange="reversed"),
        margin=dict(l=10, r=40, t=40, b=40),  # room for the "100" at the end of the axis
        font=FONT,
        height=420,
        template=TEMPLATE,
    )
    return _fictief(fig, is_demo)


def peer_bands(
    bank: QuestionBank, score: ScanScore, comparison, is_demo: bool | str | None = False
) -> go.Figure:
    """Per priority: the peers' middle half (q1-q3) as a band, their median, and our score."""
    names = [f"{p.id}. {p.short}" for p in bank.core_priorities]
    stats = [comparison.priorities[p.id] for p in bank.core_priorities]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=names,
            x=[(s.q3 - s.q1) if s.enough else 0 for s in stats],
            base=[s.q1 if s.enough else 0 for s in stats],
            orientation="h",
            marker_color="rgba(95, 107, 122, 0.30)",
            name="Middelste helft van de groep",
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            y=[n for n, s in zip(names, stats, strict=True) if s.enough],
            x=[s.median for s in stats if s.enough],
            mode="markers",
            marker=dict(symbol="line-ns", size=22, line=dict(width=3, color=MUTED)),
            name="Mediaan van de groep",
            cliponaxis=False,
        )
    )
    fig.add_trace(
        go.Scatter(
            y=names,
            x=[s.score for s in score.priorities],
            mode="markers",
            marker=dict(symbol="diamond", size=14, color=PRIMARY),
            name="Uw gemeente",
            cliponaxis=False,  # a score of 100 shows the whole diamond, not half
        )
    )
    for name, s in zip(names, stats, strict=True):
        if not s.enough:
            fig.add_annotation(y=name, x=50, text=s.message, showarrow=False, font=dict(color=MUTED, size=12))
    fig.update_layout(
        xaxis=dict(range=[0, 100], tickvals=[0, 25, 50, 75, 100], title="score (0–100)"),
        yaxis=dict(autorange="reversed"),
        legend=dict(orientation="h", y=-0.2),
        margin=dict(l=10, r=40, t=40, b=40),  # room for the "100" at the end of the axis
        font=FONT,
        height=460,
        barmode="overlay",
        template=TEMPLATE,
    )
    return _fictief(fig, is_demo)


def radar_with_peers(
    bank: QuestionBank, score: ScanScore, comparison, name: str, is_demo: bool | str | None = False
) -> go.Figure:
    fig = radar(bank, score, name, is_demo)
    stats = [comparison.priorities[p.id] for p in bank.core_priorities]
    if all(s.enough for s in stats):
        labels = [p.short for p in bank.core_priorities]
        medians = [s.median for s in stats]
        fig.add_trace(
            go.Scatterpolar(
                r=[*medians, medians[0]],
                theta=[*labels, labels[0]],
                name=f"Mediaan {comparison.group.label}",
                line=dict(color=MUTED, width=2, dash="dash"),
                hoverinfo="skip",
            )
        )
        fig.update_layout(showlegend=True, legend=dict(orientation="h", y=-0.1))
    return fig


def grouped_bars(bank: QuestionBank, series: dict[str, dict[int, float | None]]) -> go.Figure:
    """Per priority one bar per group (the self-scan and each role with enough respondents)."""
    names = [p.short for p in bank.core_priorities]
    fig = go.Figure(
        [
            go.Bar(name=label, x=names, y=[values[p.id] for p in bank.core_priorities])
            for label, values in series.items()
        ]
    )
    fig.update_layout(
        barmode="group",
        yaxis=dict(range=[0, 100], title="score (0–100)"),
        font=FONT,
        height=420,
        template=TEMPLATE,
    )
    return fig


def trend_lines(bank: QuestionBank, history: list[tuple[int, ScanScore]]) -> go.Figure:
    """Small multiples: one small chart per priority with its own line over the rounds, each point with
    its score and the change since the previous round in the title (no tangle of eight lines)."""
    years = [str(year) for year, _ in history]
    titles = []
    for p in bank.core_priorities:
        values = [s.by_id(p.id).score for _, s in history]
        change = last_change(values)
        titles.append(p.short if change is None else f"{p.short} ({nl_signed(change)})")
    fig = make_subplots(rows=2, cols=4, subplot_titles=titles, vertical_spacing=0.22, horizontal_spacing=0.06)
    for n, p in enumerate(bank.core_priorities):
        values = [s.by_id(p.id).score for _, s in history]
        fig.add_trace(
            go.Scatter(
                x=years,
                y=values,
                mode="lines+markers+text",
                text=[nl_number(v) if v is not None else "" for v in values],
                textposition="top center",
                line=dict(color=PRIMARY, width=3),
                marker=dict(size=9, color=PRIMARY),
                name=p.short,
                cliponaxis=False,
                hoverinfo="skip",
            ),
            row=n // 4 + 1,
            col=n % 4 + 1,
        )
    fig.update_yaxes(range=[0, 100], tickvals=[0, 50, 100], gridcolor=GRID)
    fig.update_xaxes(type="category", gridcolor=GRID)
    fig.update_layout(
        showlegend=False, font=FONT, height=460, margin=dict(l=10, r=10, t=50, b=20), template=TEMPLATE
    )
    return fig
