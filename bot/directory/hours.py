"""Opening hours as a language says them: "Monday to Friday, 9:00 AM – 5:00 PM", "lundi–vendredi
09:00–17:00", "الاثنين–الجمعة ٩:٠٠ ص–٥:٠٠ م" (day names, times and lists from CLDR, through Babel)."""
from __future__ import annotations

from datetime import time
from typing import Dict, List, Optional

from babel.dates import format_time, get_day_names
from babel.lists import format_list


def _clock(value: str, lang: str) -> str:
    hours, minutes = (int(part) for part in value.split(":"))
    return format_time(time(hours, minutes), "short", locale=lang)


def _days(days: List[int], lang: str) -> str:
    """Consecutive days as a range ("Monday–Friday"), others listed ("Monday and Wednesday")."""
    names = get_day_names("wide", locale=lang)          # 0 = Monday
    ordered = sorted(set(days))
    runs: List[List[int]] = []
    for day in ordered:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = [names[r[0] - 1] if len(r) == 1 else
             (f"{names[r[0] - 1]}–{names[r[-1] - 1]}" if len(r) > 2 else format_list([names[d - 1] for d in r], locale=lang))
             for r in runs]
    return format_list(parts, locale=lang)


def hours_text(hours: Optional[List[Dict]], lang: str) -> Optional[str]:
    """None when the hours are not known."""
    if not hours:
        return None
    separator = "؛ " if lang == "ar" else "; "
    return separator.join(f"{_days(h['days'], lang)} {_clock(h['opens'], lang)}–{_clock(h['closes'], lang)}" for h in hours)
