"""Support for the scale tests (no tests here): a small generated corpus of short wire-style articles."""

from __future__ import annotations

import json
import random
from pathlib import Path

_ACTORS = ["Turkish troops", "Russian warplanes", "Syrian government forces", "Israeli police",
           "Ukrainian drones", "Sudanese paramilitaries", "Nigerian soldiers", "Iraqi militias"]
_VERBS = ["shelled", "attacked", "raided", "condemned", "met with", "accused", "praised", "warned"]
_TARGETS = ["Kurdish fighters", "rebel positions", "protesters", "the Egyptian government",
            "Iranian officials", "the United Nations", "opposition leaders", "local residents"]
_PLACES = ["Aleppo", "Kharkiv", "Mosul", "Gaza City", "Khartoum", "Maiduguri", "Idlib", "Kirkuk"]
_DAYS = ["on Monday", "on Tuesday", "last week", "on Friday", "earlier this month"]


def article(rng: random.Random, n: int) -> dict[str, str]:
    sentences = [
        f"{rng.choice(_ACTORS)} {rng.choice(_VERBS)} {rng.choice(_TARGETS)} near "
        f"{rng.choice(_PLACES)} {rng.choice(_DAYS)}, officials said."
        for _ in range(rng.randint(3, 6))
    ]
    sentences.append(f"Report number {n} was filed by the desk.")  # a distinct body per article
    return {"id": f"art-{n:05d}", "headline": f"Fighting near {rng.choice(_PLACES)}",
            "published": f"2024-{1 + n % 3:02d}-{1 + n % 5:02d}", "text": " ".join(sentences)}


def write_files(folder: Path, files: int, per_file: int, seed: int = 11) -> list[str]:
    """`files` JSON Lines files of `per_file` articles; returns every article id written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    ids: list[str] = []
    for f in range(files):
        with (folder / f"part-{f:03d}.jsonl").open("w", encoding="utf-8") as out:
            for i in range(per_file):
                record = article(rng, f * per_file + i)
                ids.append(record["id"])
                out.write(json.dumps(record) + "\n")
    return ids
