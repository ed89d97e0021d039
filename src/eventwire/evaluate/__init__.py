"""Evaluation: `eventwire eval` on annotated data (docs/eval.md). Every accuracy figure of the
project comes from here."""

from __future__ import annotations

from .gold import GoldArticle, load_gold
from .report import format_errors, format_table, results_document, write_results
from .runner import DatasetResult, default_data_dir, expand, run_all, run_dataset

__all__ = [
    "DatasetResult",
    "GoldArticle",
    "default_data_dir",
    "expand",
    "format_errors",
    "format_table",
    "load_gold",
    "results_document",
    "run_all",
    "run_dataset",
    "write_results",
]
