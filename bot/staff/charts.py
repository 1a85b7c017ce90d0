"""Stacked bar charts drawn as SVG on the server: no script, no library, no third party; each
chart comes with its numbers as a table for screen readers and for copying."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Dict, List

# Okabe-Ito colours, distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"]
OTHER = "other"


def _weeks(series: Dict[str, Dict[date, int]]) -> List[date]:
    seen = sorted({week for weeks in series.values() for week in weeks})
    if not seen:
        return []
    weeks, week = [], seen[0]
    while week <= seen[-1]:
        weeks.append(week)
        week += timedelta(days=7)
    return weeks


def stacked_bars(series: Dict[str, Dict[date, int]], top: int = 6, width: int = 640, height: int = 200) -> Dict:
    """Bars per week, one segment per value (the `top` most frequent; the rest as "other")."""
    totals = {value: sum(weeks.values()) for value, weeks in series.items()}
    kept = sorted(totals, key=lambda v: (-totals[v], v))[:top]
    merged: Dict[str, Dict[date, int]] = {v: dict(series[v]) for v in kept}
    for value in set(series) - set(kept):
        for week, count in series[value].items():
            merged.setdefault(OTHER, {})
            merged[OTHER][week] = merged[OTHER].get(week, 0) + count
    weeks = _weeks(merged)
    colours = {value: PALETTE[i % len(PALETTE)] for i, value in enumerate(merged)}
    peak = max((sum(merged[v].get(w, 0) for v in merged) for w in weeks), default=0) or 1
    step = width / max(len(weeks), 1)
    bars = []
    for i, week in enumerate(weeks):
        y, segments = float(height), []
        for value in merged:
            count = merged[value].get(week, 0)
            if count:
                h = height * count / peak
                y -= h
                segments.append({"y": round(y, 1), "h": round(h, 1), "colour": colours[value], "value": value,
                                 "count": count})
        bars.append({"x": round(i * step + step * 0.1, 1), "w": round(step * 0.8, 1), "week": week,
                     "segments": segments})
    return {"width": width, "height": height, "peak": peak, "bars": bars, "weeks": weeks,
            "legend": [{"value": v, "colour": colours[v], "total": sum(merged[v].values())} for v in merged],
            "table": {v: [merged[v].get(w, 0) for w in weeks] for v in merged}}
