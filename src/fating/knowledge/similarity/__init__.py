"""Similar-case ranking (类案推送) in pure Python: no Django import, so it runs in a CLI, a worker
or a notebook alike.

Public API::

    from fating.knowledge.similarity import SimilarityIndex
    index = SimilarityIndex().build({"案例1": text1, "案例2": text2})
    for hit in index.search(query_text, k=10, explain=True):
        print(hit.id, hit.score, hit.explanation.as_dict())
"""

from .elements import element_similarity, extract_elements
from .facts import CaseSections, fact_text, split_sections
from .index import Explanation, RankingConfig, SearchHit, SimilarityIndex
from .tokenize import char_ngrams, tokenize

__all__ = [
    "CaseSections",
    "Explanation",
    "RankingConfig",
    "SearchHit",
    "SimilarityIndex",
    "char_ngrams",
    "element_similarity",
    "extract_elements",
    "fact_text",
    "split_sections",
    "tokenize",
]
