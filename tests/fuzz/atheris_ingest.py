"""Coverage-guided fuzzing of ingest with atheris (optional: `pip install atheris`).

    python tests/fuzz/atheris_ingest.py -atheris_runs=20000 [corpus_dir]

Each input is written under a name chosen by its first byte (every suffix the sniffer may see)
and read with `iter_documents`; a crash, or a Rejection with code `internal_error`, is a finding.
The seeds are the ingest fixtures. Not run by pytest (the hypothesis tests beside it are)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

SUFFIXES = ("", ".txt", ".html", ".xml", ".jsonl", ".json", ".warc", ".gz", ".warc.gz")


def main() -> None:
    import atheris

    # Our code only. The line readers are left uninstrumented: atheris 2.3 on Python 3.11 crashes
    # (SIGSEGV) in an instrumented frame that calls readline() on a stream whose raw layer is Python.
    with atheris.instrument_imports(include=["eventwire"],
                                    exclude=["eventwire.ingest.text", "eventwire.ingest.jsonl"]):
        from eventwire.ingest import iter_documents
        from eventwire.model import Rejection
        from eventwire.settings import Settings

    folder = Path(tempfile.mkdtemp(prefix="eventwire-atheris-"))
    settings = Settings(max_article_chars=5000)

    def one(data: bytes) -> None:
        if not data:
            return
        path = folder / f"input{SUFFIXES[data[0] % len(SUFFIXES)]}"
        path.write_bytes(data[1:])
        for item in iter_documents([str(path)], settings=settings):
            if isinstance(item, Rejection) and item.code == "internal_error":
                raise AssertionError(item.message())

    atheris.Setup(sys.argv, one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
