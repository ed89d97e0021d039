"""Store: overhead against the pipeline, insert rate, query times on a generated database of one
million events, cluster recompute time, export sizes per format and profile.

BENCH_STORE_ARTICLES (default 200) articles of the benchmark corpus go through the real pipeline
and the store; BENCH_STORE_EVENTS (default 1,000,000) synthetic events (5 per article) are written
through the same insert path (Store.add) to time queries and exports at scale.
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import load_texts, write_corpus  # noqa: E402

import eventwire.store as store  # noqa: E402
from eventwire.export import FORMATS, PROFILES, export  # noqa: E402
from eventwire.model import (  # noqa: E402
    Acled,
    Action,
    Actor,
    Article,
    Document,
    Event,
    Mention,
    Place,
    TimeRef,
    article_id,
)
from eventwire.pipeline import Extractor  # noqa: E402
from eventwire.settings import Settings  # noqa: E402
from eventwire.store import dedupe  # noqa: E402

BATCH = 256


def _timed(fn):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def overhead(tmp: Path) -> dict[str, object]:
    n = int(os.environ.get("BENCH_STORE_ARTICLES", "200"))
    records = load_texts(write_corpus(HERE / "corpus" / f"bench-{n}.jsonl", n))
    docs = [Document(ref=r["id"], body=r["text"], published=r["published"], source=r["source"],
                     language="en") for r in records]
    settings = Settings()
    extractor = Extractor(settings)
    list(extractor.extract(docs[:4]))  # warm up before timing
    articles, pipeline = _timed(lambda: list(extractor.extract(docs)))
    # The machine is shared: the store side is cheap to repeat, so its best of three is reported.
    stored = clustered = float("inf")
    for attempt in range(3):
        with store.Store(tmp / f"overhead-{attempt}.duckdb") as s:
            _, seconds = _timed(lambda s=s: [s.add(articles[i:i + 64]) for i in range(0, len(articles), 64)])
            stored = min(stored, seconds)
            _, seconds = _timed(lambda s=s: dedupe.recompute(s.con, days=settings.dedupe_days,
                                                             km=settings.dedupe_km))
            clustered = min(clustered, seconds)
    return {
        "store_corpus_articles": len(articles),
        "store_corpus_events": sum(len(a.events) for a in articles),
        "store_pipeline_seconds": round(pipeline, 3),
        "store_write_seconds": round(stored, 3),
        "store_dedupe_seconds": round(clustered, 3),
        "store_share_of_pipeline": round((stored + clustered) / pipeline, 4),
    }


_ACTORS = [Actor(f"Q{i}", name, kind, country, role, f"{country}{role}") for i, (name, kind, country, role) in
           enumerate([("Turkey", "state", "TUR", "GOV"), ("Turkish Armed Forces", "organization", "TUR", "MIL"),
                      ("Syrian Democratic Forces", "armed_group", "SYR", "REB"), ("Russia", "state", "RUS", "GOV"),
                      ("Russian Armed Forces", "organization", "RUS", "MIL"), ("Ukraine", "state", "UKR", "GOV"),
                      ("Hamas", "armed_group", "PSE", "INS"), ("Israel Defense Forces", "organization", "ISR", "MIL"),
                      ("Rapid Support Forces", "armed_group", "SDN", "REB"), ("Sudan", "state", "SDN", "GOV"),
                      ("United Nations", "igo", None, "IGO"), ("Protesters", "population", "IRN", "CVL")])]
_PLACES = [Place(n, g, la, lo, c, a, "city") for n, g, la, lo, c, a in [
    ("Manbij", 166365, 36.528, 37.955, "SY", "Aleppo"), ("Aleppo", 170063, 36.202, 37.158, "SY", "Aleppo"),
    ("Ain Issa", 170000, 36.386, 38.863, "SY", "Raqqa"), ("Kharkiv", 706483, 49.994, 36.230, "UA", "Kharkiv"),
    ("Donetsk", 709717, 48.023, 37.802, "UA", "Donetsk"), ("Gaza City", 281133, 31.502, 34.467, "PS", "Gaza"),
    ("El Fasher", 379555, 13.628, 25.349, "SD", "North Darfur"), ("Khartoum", 379252, 15.552, 32.532, "SD", "Khartoum"),
    ("Tehran", 112931, 35.694, 51.421, "IR", "Tehran"), ("Rafah", 281102, 31.297, 34.244, "PS", "Gaza")]]
_ACTIONS = [
    Action("shelled", "194", "19", "Fight with artillery and tanks", "ASSAULT", "heavy-weapons", 4, -10.0,
           Acled("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    Action("clashed", "190", "19", "Use conventional military force", "FIGHT", None, 4, -10.0,
           Acled("Battles", "Armed clash")),
    Action("condemned", "122", "12", "Criticize or denounce", "DISAPPROVE", None, 3, -2.0),
    Action("met", "040", "04", "Consult", "CONSULT", None, 1, 1.0),
    Action("protested", "141", "14", "Demonstrate or rally", "PROTEST", None, 3, -6.5,
           Acled("Protests", "Peaceful protest")),
]


def synthetic_articles(n_articles: int, per_article: int, seed: int = 11, month: int | None = None):  # type: ignore[no-untyped-def]
    """Articles about days of 2023 (of one month when given), 5 events each, varied actors."""
    rng = random.Random(seed)
    for i in range(n_articles):
        day = f"2023-{month or 1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
        body = f"Synthetic article {i} of batch {seed}: reports of fighting and statements on {day}."
        events = []
        for j in range(per_article):
            src, tgt = rng.sample(_ACTORS, 2)
            place = rng.choice(_PLACES) if rng.random() < 0.8 else None
            date = TimeRef(day, 0, 10, day, "day", "absolute") if rng.random() < 0.5 else None
            events.append(Event(
                id=f"e{j + 1}", sentence=f"{src.name} acted against {tgt.name} ({i}.{j}).", start=0, end=40,
                source=Mention(src.name, 0, len(src.name), src, "ORG"),
                target=Mention(tgt.name, 20, 20 + len(tgt.name), tgt, "ORG"), action=rng.choice(_ACTIONS),
                mode="asserted", place=place, date=date, fatalities=rng.choice([None, None, 1, 3]),
                injured=None, attributed_to=None, confidence=round(rng.random(), 2), rule="bench.v1"))
        yield Article(id=article_id(body), ref=f"synthetic-{i}", source=rng.choice(["Wire A", "Wire B", "Wire C"]),
                      url=None, headline=f"Synthetic {i}", published=day, captions=(), body=body,
                      language="en", events=tuple(events))


def at_scale(tmp: Path) -> dict[str, object]:
    n_events = int(os.environ.get("BENCH_STORE_EVENTS", "1000000"))
    per_article = 5
    path = tmp / "million.duckdb"
    started = time.perf_counter()
    with store.Store(path) as s:
        batch: list[Article] = []
        for article in synthetic_articles(n_events // per_article, per_article):
            batch.append(article)
            if len(batch) >= BATCH:
                s.add(batch)
                batch = []
        s.add(batch)
        insert = time.perf_counter() - started
        n_clusters, recompute = _timed(lambda: dedupe.recompute(s.con, days=2, km=50.0))
        # A later run of 100 articles about the last month: only what it can change is recomputed.
        later = list(synthetic_articles(100, per_article, seed=12, month=12))
        s.add(later, run_id=2)
        _, incremental = _timed(lambda: dedupe.recompute(s.con, days=2, km=50.0, run_id=2))
    figures: dict[str, object] = {
        "store_scale_events": n_events,
        "store_insert_events_per_second": round(n_events / insert),
        "store_cluster_recompute_seconds": round(recompute, 2),
        "store_cluster_update_after_100_articles_seconds": round(incremental, 2),
        "store_scale_clusters": n_clusters,
        "store_db_megabytes": round(path.stat().st_size / 1e6, 1),
    }
    with store.open(path) as db:
        figures["store_query_ms"] = _queries(db)
        figures["store_export"] = _exports(db, tmp)
    figures["store_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return figures


def _queries(db) -> dict[str, float]:  # type: ignore[no-untyped-def]
    cases = {
        "actor_TUR_first_100": lambda: db.events(actor="TUR", limit=100),
        "count_ASSAULT_in_SY": lambda: db.count(type="ASSAULT", country="SY"),
        "count_near_Manbij_50km": lambda: db.count(near="36.528,37.955", km=50),
        "count_one_month": lambda: db.count(since="2023-03-01", until="2023-03-31"),
        "count_TURMIL_vs_SYRREB_19": lambda: db.count(actor="TURMIL", target="SYRREB", type="19"),
        "clusters_3plus_first_100": lambda: db.clusters(min_articles=3, limit=100),
        "article_by_id": lambda: db.article(db.articles(limit=1)[0]["id"]),
        "summary_all": lambda: db.summary(),
        "events_quad4_page_50": lambda: db.events(quad=[4], limit=100, offset=5000),
    }
    out = {}
    for name, case in cases.items():
        case()  # first call warms DuckDB's caches, the second is timed
        _, seconds = _timed(case)
        out[name] = round(seconds * 1000, 1)
    return out


def _exports(db, tmp: Path) -> dict[str, dict[str, float]]:  # type: ignore[no-untyped-def]
    out: dict[str, dict[str, float]] = {}
    for profile in PROFILES:
        for fmt in FORMATS:
            target = tmp / f"export.{profile}.{fmt}"
            result, seconds = _timed(lambda p=profile, f=fmt, t=target: export(db, t, fmt=f, profile=p))
            out[f"{profile}.{fmt}"] = {"rows": result.rows, "megabytes": round(result.bytes / 1e6, 1),
                                       "bytes_per_row": round(result.bytes / max(result.rows, 1)),
                                       "seconds": round(seconds, 2)}
            target.unlink()
    return out


def run() -> dict:
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-store-") as name:
        tmp = Path(name)
        figures = overhead(tmp)
        figures.update(at_scale(tmp))
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=1))
