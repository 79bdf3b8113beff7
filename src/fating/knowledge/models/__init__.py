"""Models of the knowledge app: the library (statutes, typical cases) and legal education."""

from .education import OutreachOrder, Question, VillageRules, VillageRulesVersion
from .library import Article, Law, LibraryStamp, TypicalCase

__all__ = [
    "Article",
    "Law",
    "LibraryStamp",
    "OutreachOrder",
    "Question",
    "TypicalCase",
    "VillageRules",
    "VillageRulesVersion",
]
