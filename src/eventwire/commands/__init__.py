"""CLI commands that live beside their stage: each module here defines click commands in a
module-level `COMMANDS` list; `eventwire.cli` registers them all. Import heavy libraries inside
the command functions so `eventwire --help` stays fast."""

from __future__ import annotations

import importlib
import pkgutil

import click


def all_commands() -> list[click.Command]:
    found: list[click.Command] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(getattr(module, "COMMANDS", []))
    return found
