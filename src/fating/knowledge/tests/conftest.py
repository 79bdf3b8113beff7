"""Fixtures of the knowledge tests (defined in factories.py)."""

from .factories import laws_dir, library

__all__ = ["laws_dir", "library"]
