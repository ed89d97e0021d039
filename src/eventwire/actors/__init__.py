"""Actors: entity and noun-phrase mentions -> canonical `Actor`s (knowledge base + roles)."""

from __future__ import annotations

from .resolve import ActorResolver, ArticleActors

__all__ = ["ActorResolver", "ArticleActors"]
