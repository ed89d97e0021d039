"""Clean: repeated blocks once, captions apart, site marks dropped. Placeholder until built."""

from __future__ import annotations

from .model import Document


def clean_document(document: Document) -> Document:
    return document
