"""`python -m dashboard bench --deck`: seconds per deck chart image through one export browser, against a bare
kaleido image."""

from __future__ import annotations

import time

from dashboard.charts.images import ImageExporter, figure_png


def _trivial_figure():
    import plotly.graph_objects as go

    return go.Figure(go.Scatter(x=[1, 2], y=[1, 2]))


def bench_deck_images(figures: list, repeats: int = 1) -> dict:
    """Seconds per deck image through one ImageExporter (start-up apart) against a bare kaleido image, cold
    (its own browser start) and warm (through the running server). Times are means over `repeats`."""
    repeats = max(1, int(repeats))
    trivial = _trivial_figure()

    cold = []  # before the deck's browser starts, so the two do not compete for the CPU
    for _ in range(repeats):
        started = time.perf_counter()
        figure_png(trivial, width=700, height=500)  # fig.to_image()'s default size
        cold.append(time.perf_counter() - started)

    with ImageExporter() as exporter:
        started = time.perf_counter()
        for _ in range(repeats):
            for fig in figures:
                exporter.png(fig, width=1600, height=900)
        deck_s = time.perf_counter() - started
        images = exporter.count
        warm = []
        for _ in range(repeats):
            started = time.perf_counter()
            exporter.png(trivial, width=700, height=500)
            warm.append(time.perf_counter() - started)

    return {
        "charts": len(figures),
        "repeats": repeats,
        "images": images,
        "startup_s": exporter.startup_s,
        "deck_s": deck_s,
        "per_image_s": deck_s / images if images else None,
        "bare_single_s": sum(cold) / len(cold),
        "bare_in_server_s": sum(warm) / len(warm),
    }


def format_bench_line(result: dict) -> str:
    """One line: `deck images: 12 charts, 0.41 s per image (server start 1.9 s); bare kaleido image: …`."""
    per_image = "no images" if result["per_image_s"] is None else f"{result['per_image_s']:.2f} s per image"
    charts = f"{result['charts']} chart{'' if result['charts'] == 1 else 's'}"
    if result.get("repeats", 1) > 1:
        charts += f" × {result['repeats']}"
    return (
        f"deck images: {charts}, {per_image} (server start {result['startup_s']:.1f} s); "
        f"bare kaleido image: {result['bare_single_s']:.1f} s cold, {result['bare_in_server_s']:.2f} s warm"
    )
