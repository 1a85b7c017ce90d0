"""Directory search benchmark: latency of typical look-ups, in-process and through the API.

    .venv/bin/python bench/search.py [--postgres postgresql://postgres@127.0.0.1:5432/postgres]

Loads the directory into a fresh SQLite file (and a fresh PostgreSQL database when given),
runs each query 50 times, and writes median and 95th-percentile milliseconds to
bench/results/search.json.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from bot.db import new_session  # noqa: E402
from bot.directory.loader import load  # noqa: E402
from bot.directory.search import Query, search  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.topics import topic_tags  # noqa: E402

RUNS = 50
QUERIES = {
    "incubators in Liège": Query(city="liege", any_tags=topic_tags("incubator")),
    "mentoring in Belgium": Query(country="BE", any_tags=topic_tags("mentoring")),
    "one-stop shop in Warsaw (nearest)": Query(city="warsaw", any_tags=topic_tags("one_stop_shop")),
    "free text 'emmaus' (accents)": Query(text="emmaus"),
    "free text 'diomcop' (typo)": Query(text="diomcop"),
    "all entries, first page": Query(limit=20),
}
API = ["/api/entries?place=Luik&category=incubator", "/api/entries?q=diomcop", "/api/entries?place=Varsovie"]


def timed(fn) -> dict:
    samples = []
    for _ in range(RUNS):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return {"median_ms": round(statistics.median(samples), 2), "p95_ms": round(samples[int(0.95 * RUNS) - 1], 2)}


def bench_database(url: str) -> dict:
    settings = load_settings()
    report = load(url, settings.kb_dir, settings.seeds_dir)
    assert not report.errors, report.errors
    out = {}
    with new_session(url) as session:
        for name, query in QUERIES.items():
            out[name] = timed(lambda q=query: search(session, q))
    return out


def bench_api(url: str) -> dict:
    port = 18765
    env = {**os.environ, "DATABASE_URL": url}
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "bot.web.app:app", "--port", str(port), "--ws", "none",
                               "--log-level", "warning"], cwd=ROOT, env=env)
    try:
        for _ in range(100):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            return {path: timed(lambda p=path: client.get(p).raise_for_status()) for path in API}
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server to benchmark too")
    args = parser.parse_args()
    results = {"runs_per_query": RUNS}
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = f"sqlite:///{tmp}/bench.db"
        results["sqlite"] = bench_database(sqlite)
        results["api_sqlite"] = bench_api(sqlite)
    if args.postgres:
        import psycopg2

        name = f"passerelle_bench_{uuid.uuid4().hex[:8]}"
        admin = psycopg2.connect(args.postgres)
        admin.autocommit = True
        admin.cursor().execute(f'CREATE DATABASE "{name}"')
        try:
            results["postgresql"] = bench_database(args.postgres.rsplit("/", 1)[0] + "/" + name)
        finally:
            from bot.db import get_engine

            get_engine(args.postgres.rsplit("/", 1)[0] + "/" + name).dispose()
            admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    out = ROOT / "bench" / "results" / "search.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    for section, rows in results.items():
        if isinstance(rows, dict):
            print(section)
            for name, row in rows.items():
                print(f"  {name:45} median {row['median_ms']:7.2f} ms   p95 {row['p95_ms']:7.2f} ms")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
