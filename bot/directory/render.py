"""How an entry is shown: one card structure for the bot, the API and the CLI."""
from __future__ import annotations

from typing import Dict, List, Optional

from bot.directory.models import EntryRow
from bot.directory.places import country_name
from bot.directory.taxonomy import CATEGORY_LABELS

# The five source documents (../shared/seeds/README.md), by file name.
DOCUMENTS = {
    "000_4fb698fb69893602.txt": "Union Migrant Net awareness guide (French, 2022)",
    "001_0e5b198217642afd.txt": "Webinar on the SSE as a vector of inclusion, Liège (French)",
    "002_07ba032f4cd513c8.txt": "Union Migrant Net workshop, Liège, 10 December 2021 (French)",
    "003_3f3b38f85375b88f.txt": "Union Migrant Net awareness guide (English, 2022)",
    "004_0ac7519dc82445f0.txt": "MIES project, Kayes and Hauts-de-France (French)",
}


def source_label(source: Dict) -> str:
    first, last = source["lines"]
    lines = f"line {first}" if first == last else f"lines {first}-{last}"
    return f"{DOCUMENTS.get(source['file'], source['file'])}, {source['file']} {lines}"


def sources_text(sources: List[Dict]) -> str:
    """All citations, one group per document: 'Guide (English), 003_….txt lines 558-568, 1334'."""
    by_file: Dict[str, List[tuple]] = {}
    for s in sources:
        span = tuple(s["lines"])
        if span not in by_file.setdefault(s["file"], []):
            by_file[s["file"]].append(span)
    parts = []
    for file, spans in by_file.items():
        spans = ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in sorted(spans))
        parts.append(f"{DOCUMENTS.get(file, file)}, {file} line{'s' if ',' in spans or '-' in spans else ''} {spans}")
    return "; ".join(parts)


def localized(values: Dict[str, str], lang: str) -> tuple:
    """(text, language it is in): the user's language when the entry has it, else English."""
    for code in (lang, "en", "fr"):
        if values.get(code):
            return values[code], code
    code = next(iter(values), lang)
    return values.get(code, ""), code


def card(entry: EntryRow, lang: str = "en", distance_km: Optional[float] = None) -> Dict:
    description, description_lang = localized(entry.description or {}, lang)
    city_names = entry.city.names if entry.city else {}
    return {
        "id": entry.id,
        "name": entry.name,
        "organization": entry.organization,
        "category": entry.category,
        "category_label": CATEGORY_LABELS.get(entry.category, entry.category),
        "city": entry.city_id,
        "city_name": city_names.get(lang) or city_names.get("en") if entry.city else None,
        "country": entry.country,
        "country_name": country_name(entry.country, lang) if entry.country and entry.country != "EU" else entry.country,
        "description": description,
        "description_lang": description_lang,
        "conditions": (entry.conditions or {}).get(lang) or (entry.conditions or {}).get("en", []),
        "contacts": {k: v for k, v in (entry.contacts or {}).items() if v},
        "sources": [dict(s, label=source_label(s)) for s in entry.sources],
        "sources_text": sources_text(entry.sources),
        "distance_km": distance_km,
    }


def card_text(c: Dict) -> str:
    """A card as plain text, readable in any chat channel."""
    where = ", ".join(x for x in (c["city_name"], c["country_name"]) if x)
    head = f"{c['name']} ({where})" if where else c["name"]
    if c.get("distance_km") is not None:
        head += f", {c['distance_km']:.0f} km"
    lines: List[str] = [head, c["description"]]
    if c["conditions"]:
        lines += [f"- {cond}" for cond in c["conditions"]]
    labels = {"websites": "Web", "emails": "E-mail", "phones": "Phone", "addresses": "Address"}
    for kind, values in c["contacts"].items():
        lines.append(f"{labels.get(kind, kind)}: {', '.join(values)}")
    if not c["contacts"]:
        lines.append("No contact details in the source documents.")
    lines.append("Source: " + c["sources_text"])
    return "\n".join(lines)
