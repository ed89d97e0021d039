"""Places: toponyms -> GeoNames places with coordinates and precision (see docs/places.md).

`Geoparser(settings).resolve(doc, document, actors)` -> `ArticlePlaces`; the gazetteer is loaded
once per process (`gazetteer.load_gazetteer`).
"""

from __future__ import annotations

from .geoparser import ArticlePlaces, Geoparser
from .resolve import Toponym

READY = True

__all__ = ["READY", "ArticlePlaces", "Geoparser", "Toponym"]
