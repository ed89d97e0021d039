"""The README and docs stay true to the code: every command, setting and doc link exists."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from eventwire.cli import cli
from eventwire.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme_cli_reference() -> None:
    reference = README.split("## CLI reference")[1].split("\n## ")[0]
    for name, command in cli.commands.items():
        assert f"eventwire {name}" in reference, f"`eventwire {name}` is missing from the README's CLI reference"
        for sub in getattr(command, "commands", {}):
            assert f"eventwire {name} {sub}" in reference, f"`eventwire {name} {sub}` is missing"


def test_every_readme_command_exists() -> None:
    reference = README.split("## CLI reference")[1].split("\n## ")[0]
    for name in set(re.findall(r"`eventwire ([a-z]+)", reference)):
        assert name in cli.commands, f"README names `eventwire {name}`, which does not exist"


def test_every_setting_is_documented() -> None:
    text = README + "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    source = (ROOT / "src" / "eventwire" / "settings.py").read_text(encoding="utf-8")
    for field in dataclasses.fields(Settings):
        assert re.search(rf"^    {field.name}: .*#", source, re.M), f"setting {field.name} has no comment"
    assert "EVENTWIRE_" in text and "eventwire.toml" in text


def test_readme_links_point_to_files() -> None:
    for link in re.findall(r"\]\(([^)#]+)\)", README):
        if not link.startswith("http"):
            assert (ROOT / link).exists(), f"README links to {link}, which does not exist"


def test_makefile_targets_named_in_the_readme_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in set(re.findall(r"`make ([a-z]+)`", README)):
        assert re.search(rf"^{target}:", makefile, re.M), f"README names `make {target}`, missing in Makefile"
