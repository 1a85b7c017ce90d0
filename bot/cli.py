"""Command line: `python -m bot kb validate|load|search`, `python -m bot model ...`,
`python -m bot staff add NAME`, `python -m bot run`."""
from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from bot.settings import load_settings


def _kb_validate(args, settings) -> int:
    from bot.directory.schema import validate_kb

    seeds = settings.seeds_dir if settings.seeds_dir.is_dir() else None
    kb = validate_kb(settings.kb_dir, seeds)
    for error in kb.errors:
        print(error, file=sys.stderr)
    checked = "citations checked against " + str(seeds) if seeds else "citations NOT checked (no seeds folder)"
    if kb.errors:
        print(f"{len(kb.errors)} error(s); {len(kb.entries)} valid entries, {len(kb.cities)} cities", file=sys.stderr)
        return 1
    print(f"OK: {len(kb.entries)} entries, {len(kb.cities)} cities; {checked}")
    return 0


def _kb_load(args, settings) -> int:
    from bot.directory.loader import load

    report = load(settings.database_url, settings.kb_dir, settings.seeds_dir)
    for error in report.errors:
        print(error, file=sys.stderr)
    if report.errors:
        print("Nothing loaded: fix the errors above.", file=sys.stderr)
        return 1
    for table, c in report.counts.items():
        kept = f", {c['kept_staff_edit']} kept as staff edited them" if c.get("kept_staff_edit") else ""
        print(f"{table}: {c['added']} added, {c['updated']} updated, {c['unchanged']} unchanged, {c['removed']} removed{kept}")
    return 0


def _kb_search(args, settings) -> int:
    from bot.db import new_session
    from bot.directory.places import Gazetteer
    from bot.directory.render import card, card_text
    from bot.directory.search import Query, search

    with new_session(settings.database_url) as session:
        gazetteer = Gazetteer.from_db(session)
        query = Query(text=" ".join(args.text) or None, category=args.category, need=args.need,
                      language=args.language, limit=args.limit)
        if args.place:
            place = gazetteer.lookup(args.place)
            if place is None:
                print(f"Unknown place: {args.place}", file=sys.stderr)
                return 2
            if place.kind == "city":
                query.city = place.id
            else:
                query.country = place.id
        result = search(session, query, gazetteer)
        where = f" for {result.place.name()}" if result.place else ""
        print(f"{result.total} result(s){where} [{result.scope}]")
        if result.scope == "nearest":
            print("Nothing there; nearest places that have something:")
            for n in result.nearest:
                print(f"  {gazetteer.cities[n['city']].name()}: {n['distance_km']:.0f} km, {n['count']} entr{'y' if n['count'] == 1 else 'ies'}")
        for hit in result.hits:
            print()
            print(card_text(card(hit.entry, args.lang, hit.distance_km), args.lang))
    return 0


def _model(args, settings) -> int:
    from bot import model_cache

    if args.action == "fingerprint":
        print(model_cache.fingerprint())
        return 0
    path = model_cache.ensure_model(settings.model_dir)
    print(path)
    return 0


def _i18n(args, settings) -> int:
    from bot.i18n import workflow

    if args.action == "extract":
        catalog = workflow.extract()
        workflow.write_template(catalog)
        print(f"{len(catalog)} strings -> {workflow.TEMPLATE}")
    elif args.action == "update":
        print("\n".join(workflow.update()))
    elif args.action == "compile":
        print("\n".join(workflow.compile_all()))
    else:
        problems = workflow.check()
        print("\n".join(problems) or "OK: every language has every string, none fuzzy")
        return 1 if problems else 0
    return 0


def _staff_add(args, settings) -> int:
    """An account for contact-point staff. No default password: it is typed twice at the
    prompt, or read from standard input with --password-stdin (for scripts)."""
    import getpass

    from bot.db import new_session
    from bot.migrate import upgrade
    from bot.staff.accounts import AccountError, create_user

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            print("The two passwords differ: no account created.", file=sys.stderr)
            return 1
    upgrade(settings.database_url)
    with new_session(settings.database_url) as session:
        try:
            create_user(session, args.username, password, args.role)
        except AccountError as error:
            print(f"{error} No account created.", file=sys.stderr)
            return 1
    print(f"Account {args.username} created ({args.role}).")
    return 0


def _run(args, settings) -> int:
    from bot.launcher import run

    return run(settings)


def main(argv: Optional[List[str]] = None) -> int:
    from bot.directory.taxonomy import CATEGORIES, NEEDS

    parser = argparse.ArgumentParser(prog="python -m bot", description="Passerelle")
    sub = parser.add_subparsers(dest="command", required=True)
    kb = sub.add_parser("kb", help="the directory (data/kb/)").add_subparsers(dest="kb_command", required=True)
    kb.add_parser("validate", help="check every entry and citation").set_defaults(func=_kb_validate)
    kb.add_parser("load", help="validate, then load into the database").set_defaults(func=_kb_load)
    s = kb.add_parser("search", help="search the loaded directory")
    s.add_argument("text", nargs="*", help="free text (accents and small typos tolerated)")
    s.add_argument("--place", help="a city or country, in any supported language")
    s.add_argument("--category", choices=CATEGORIES)
    s.add_argument("--need", choices=NEEDS)
    s.add_argument("--language", help="a language the service works in (ISO 639-1)")
    s.add_argument("--lang", default="en", help="language to show results in")
    s.add_argument("--limit", type=int, default=10)
    s.set_defaults(func=_kb_search)
    m = sub.add_parser("model", help="the trained Rasa model, cached by data fingerprint")
    m.add_argument("action", choices=["fingerprint", "ensure"])
    m.set_defaults(func=_model)
    i = sub.add_parser("i18n", help="the gettext catalogues in locales/")
    i.add_argument("action", choices=["extract", "update", "compile", "check"])
    i.set_defaults(func=_i18n)
    st = sub.add_parser("staff", help="staff accounts for the dashboard").add_subparsers(dest="staff_command", required=True)
    add = st.add_parser("add", help="create an account (the password is asked for)")
    add.add_argument("username")
    add.add_argument("--role", choices=["staff", "admin"], default="staff")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.set_defaults(func=_staff_add)
    sub.add_parser("run", help="start Rasa, the action server and the web app").set_defaults(func=_run)
    args = parser.parse_args(argv)
    return args.func(args, load_settings())
