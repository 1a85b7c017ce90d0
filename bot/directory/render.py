"""How an entry is shown: one card structure for the bot, the API and the CLI."""
from __future__ import annotations

from typing import Dict, List, Optional

from babel.units import format_unit

from bot.directory.hours import hours_text
from bot.directory.models import EntryRow
from bot.directory.places import country_name
from bot.directory.taxonomy import CATEGORY_LABELS
from bot.i18n.catalogues import N_, gettext

# The five source documents (../shared/seeds/README.md), by file name.
DOCUMENTS = {
    "000_4fb698fb69893602.txt": N_("Union Migrant Net awareness guide (French, 2022)"),
    "001_0e5b198217642afd.txt": N_("Webinar on the SSE as a vector of inclusion, Liège (French)"),
    "002_07ba032f4cd513c8.txt": N_("Union Migrant Net workshop, Liège, 10 December 2021 (French)"),
    "003_3f3b38f85375b88f.txt": N_("Union Migrant Net awareness guide (English, 2022)"),
    "004_0ac7519dc82445f0.txt": N_("MIES project, Kayes and Hauts-de-France (French)"),
}
HOURS = N_("Opening hours: {hours}")
NO_CONTACTS = N_("No contact details in the source documents.")
SOURCE = N_("Source: {sources}")
CONTACT_LABELS = {"websites": N_("Web"), "emails": N_("E-mail"), "phones": N_("Phone"), "addresses": N_("Address")}


def source_label(source: Dict) -> str:
    first, last = source["lines"]
    lines = f"line {first}" if first == last else f"lines {first}-{last}"
    return f"{DOCUMENTS.get(source['file'], source['file'])}, {source['file']} {lines}"


def sources_text(sources: List[Dict], lang: str = "en") -> str:
    """All citations, one group per document: 'Guide (English, 2022), 003_….txt: 558-568, 1334'."""
    by_file: Dict[str, List[tuple]] = {}
    for s in sources:
        span = tuple(s["lines"])
        if span not in by_file.setdefault(s["file"], []):
            by_file[s["file"]].append(span)
    parts = []
    for file, spans in by_file.items():
        spans = ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in sorted(spans))
        parts.append(f"{gettext(lang, DOCUMENTS.get(file, file))}, {file}: {spans}")
    return "; ".join(parts)


def distance_text(km: float, lang: str) -> str:
    """'12 km', '١٢ كم'... as the language writes it (CLDR units, through Babel)."""
    return format_unit(round(km), "length-kilometer", length="short", locale=lang)


def localized(values: Dict[str, str], lang: str) -> tuple:
    """(text, language it is in): the user's language when the entry has it, else English."""
    for code in (lang, "en", "fr"):
        if values.get(code):
            return values[code], code
    code = next(iter(values), lang)
    return values.get(code, ""), code


def _description_note(description_lang: str, lang: str) -> Optional[str]:
    if description_lang == lang:
        return None
    return gettext(lang, "(This description is only available in English.)") if description_lang == "en" \
        else gettext(lang, "(This description is only available in French.)")


def card(entry: EntryRow, lang: str = "en", distance_km: Optional[float] = None) -> Dict:
    description, description_lang = localized(entry.description or {}, lang)
    city_names = entry.city.names if entry.city else {}
    return {
        "id": entry.id,
        "name": entry.name,
        "organization": entry.organization,
        "category": entry.category,
        "category_label": gettext(lang, CATEGORY_LABELS.get(entry.category, entry.category)),
        "city": entry.city_id,
        "city_name": city_names.get(lang) or city_names.get("en") if entry.city else None,
        "country": entry.country,
        "country_name": country_name(entry.country, lang) if entry.country and entry.country != "EU" else entry.country,
        "description": description,
        "description_lang": description_lang,
        "conditions": (entry.conditions or {}).get(description_lang) or (entry.conditions or {}).get("en", []),
        "contacts": {k: v for k, v in (entry.contacts or {}).items() if v},
        "sources": [dict(s, label=source_label(s)) for s in entry.sources],
        "sources_text": sources_text(entry.sources, lang),
        "distance_km": distance_km,
        "distance_text": distance_text(distance_km, lang) if distance_km is not None else None,
        "description_note": _description_note(description_lang, lang),
        "hours_text": hours_text(entry.hours, lang),
    }


def card_text(c: Dict, lang: str = "en") -> str:
    """A card as plain text, readable in any chat channel, its labels in the user's language."""
    where = ("، " if lang == "ar" else ", ").join(x for x in (c["city_name"], c["country_name"]) if x)
    head = f"{c['name']} ({where})" if where else c["name"]
    if c.get("distance_text"):
        head += f", {c['distance_text']}"
    lines: List[str] = [head, c["description"]]
    if c.get("description_note"):
        lines.append(c["description_note"])
    if c["conditions"]:
        lines += [f"- {cond}" for cond in c["conditions"]]
    for kind, values in c["contacts"].items():
        lines.append(f"{gettext(lang, CONTACT_LABELS.get(kind, kind))}: {', '.join(values)}")
    if c.get("hours_text"):
        lines.append(gettext(lang, HOURS).format(hours=c["hours_text"]))
    if not c["contacts"]:
        lines.append(gettext(lang, NO_CONTACTS))
    lines.append(gettext(lang, SOURCE).format(sources=c["sources_text"]))
    return "\n".join(lines)
