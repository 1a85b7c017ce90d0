"""The catalogue workflow: `python -m bot i18n extract | update | compile | check`.

extract  domain.yml's responses (text, button titles, plural pairs), the strings marked in
         bot/ and actions/ (N_(...), gettext(lang, ...), ngettext(lang, s, p, n)) and in the web
         app's templates (_("...")) -> locales/messages.pot
update   merge the template into every language's messages.po (new ones are created)
compile  write messages.mo beside each .po (the processes compile in memory; this is for tools)
check    every language has every string, none fuzzy, with the same {placeholders}
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import List

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from bot.i18n.catalogues import DOMAIN, LOCALES_DIR
from bot.i18n.languages import DEFAULT, SUPPORTED
from bot.settings import ROOT

TEMPLATE = LOCALES_DIR / f"{DOMAIN}.pot"
KEYWORDS = {"N_": None, "N_plural": (1, 2), "gettext": (2,), "ngettext": (2, 3)}
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def _po_path(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _line_of(lines: List[str], text: str) -> int:
    needle = text[:40]
    return next((i + 1 for i, line in enumerate(lines) if needle in line), 0)


def extract() -> Catalog:
    catalog = Catalog(project="Passerelle", fuzzy=False)
    domain_file = ROOT / "domain.yml"
    lines = domain_file.read_text(encoding="utf-8").splitlines()
    responses = yaml.safe_load(domain_file.read_text(encoding="utf-8")).get("responses", {})
    for name, variations in responses.items():
        for variation in variations:
            if (variation.get("metadata") or {}).get("translate") is False:
                continue
            text = variation.get("text")
            singular = (variation.get("metadata") or {}).get("singular")
            if text:
                msgid = (singular, text) if singular else text
                catalog.add(msgid, locations=[("domain.yml", _line_of(lines, text))], auto_comments=[name])
            for button in (variation.get("buttons") or []) + (variation.get("quick_replies") or []):
                if button.get("title"):
                    catalog.add(button["title"], locations=[("domain.yml", _line_of(lines, button["title"]))],
                                auto_comments=[f"{name} button"])
    for folder in ("bot", "actions"):
        for filename, lineno, message, comments, _context in extract_from_dir(
                str(ROOT / folder), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("i18n:",)):
            catalog.add(message, locations=[(f"{folder}/{filename}", lineno)], auto_comments=comments)
    # The web app's pages mark their strings with _("...") (Jinja2's own extractor).
    templates = ROOT / "bot" / "web" / "templates"
    for filename, lineno, message, comments, _context in extract_from_dir(
            str(templates), method_map=[("**.html", "jinja2.ext:babel_extract")], keywords={"_": None}):
        catalog.add(message, locations=[(f"bot/web/templates/{filename}", lineno)], auto_comments=comments)
    return catalog


def write_template(catalog: Catalog) -> None:
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    with TEMPLATE.open("wb") as f:
        write_po(f, catalog, width=100, omit_header=False, sort_output=False)


def read_template() -> Catalog:
    with TEMPLATE.open("rb") as f:
        return read_po(f)


def update() -> List[str]:
    template = read_template()
    touched = []
    for lang in SUPPORTED:
        if lang == DEFAULT:
            continue
        path = _po_path(lang)
        if path.exists():
            with path.open("rb") as f:
                catalog = read_po(f, locale=lang)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=lang, project="Passerelle", fuzzy=False)
        catalog.update(template, no_fuzzy_matching=True)
        with path.open("wb") as f:
            write_po(f, catalog, width=100, ignore_obsolete=True)
        touched.append(str(path.relative_to(ROOT)))
    return touched


def compile_all() -> List[str]:
    written = []
    for lang in SUPPORTED:
        path = _po_path(lang)
        if lang == DEFAULT or not path.exists():
            continue
        with path.open("rb") as f:
            catalog = read_po(f, locale=lang)
        with path.with_suffix(".mo").open("wb") as f:
            write_mo(f, catalog)
        written.append(str(path.with_suffix(".mo").relative_to(ROOT)))
    return written


def _placeholders(text) -> set:
    texts = text if isinstance(text, (tuple, list)) else (text,)
    return {p for t in texts if t for p in PLACEHOLDER.findall(t)}


def check() -> List[str]:
    """Problems that would make a language answer in English or break: one line each."""
    problems = []
    fresh = extract()
    if not TEMPLATE.exists():
        return [f"{TEMPLATE.relative_to(ROOT)} is missing: run `python -m bot i18n extract`"]
    stored = {m.id for m in read_template() if m.id}
    for message in fresh:
        if message.id and message.id not in stored:
            problems.append(f"messages.pot lacks {message.id!r}: run `python -m bot i18n extract` and `update`")
    for lang in SUPPORTED:
        if lang == DEFAULT:
            continue
        path = _po_path(lang)
        if not path.exists():
            problems.append(f"{lang}: no catalogue ({path.relative_to(ROOT)})")
            continue
        with path.open("rb") as f:
            catalog = read_po(f, locale=lang)
        for message in fresh:
            if not message.id:
                continue
            found = catalog.get(message.id)
            label = message.id if isinstance(message.id, str) else message.id[0]
            if found is None:
                problems.append(f"{lang}: missing {label!r}")
            elif found.fuzzy:
                problems.append(f"{lang}: fuzzy {label!r}")
            elif not found.string or (isinstance(found.string, tuple) and not all(found.string)):
                problems.append(f"{lang}: untranslated {label!r}")
            elif _placeholders(found.string) != _placeholders(message.id):
                problems.append(f"{lang}: placeholders differ in {label!r}")
    return problems
