"""Tokenisation of Chinese judgment text for similarity ranking.

One private ``jieba.Tokenizer`` carries the legal user dictionary, so loading it never changes the
global ``jieba`` dictionary that other parts of the platform may use. jieba logs to stderr when it
builds its prefix dictionary; the logger is silenced so that command-line output stays clean JSON.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import jieba

from .lexicon import LEGAL_DICT_PATH, STOPWORDS_PATH

jieba.setLogLevel(logging.WARNING)

_tokenizer: jieba.Tokenizer | None = None
_tokenizer_lock = threading.Lock()

# Anonymised names (李某1, 阮某) and masked ids (×××) are different in every judgment, so they only
# add noise to term overlap.
_ANON_NAME = re.compile(r"[\u4e00-\u9fff]某[\d一二三四五六七八九十]*")
_MASK = re.compile(r"[×xX＊*]{2,}")
# Dates and bare numbers: the amounts and rates that matter are captured as legal elements, where
# they are compared by magnitude instead of by exact digits.
_DATE = re.compile(r"\d{2,4}年\d{1,2}月(\d{1,2}日)?|\d{1,2}月\d{1,2}日")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SPACES = re.compile(r"\s+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")

# Single characters are mostly function words; these few carry meaning in lending cases.
_MEANINGFUL_SINGLE = frozenset("借贷欠还息利押保担赔")


def _load_tokenizer() -> jieba.Tokenizer:
    global _tokenizer
    with _tokenizer_lock:
        if _tokenizer is None:
            tok = jieba.Tokenizer()
            tok.initialize()
            tok.load_userdict(str(LEGAL_DICT_PATH))
            _tokenizer = tok
    return _tokenizer


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Words dropped before indexing: function words and courtroom formulae."""
    words = set()
    for line in STOPWORDS_PATH.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line)
    return frozenset(words)


@lru_cache(maxsize=1)
def legal_terms() -> frozenset[str]:
    """The words of the legal user dictionary (used to put legal terms first in explanations)."""
    lines = LEGAL_DICT_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split(" ", 1)[0] for line in lines if line.strip())


def normalize(text: str) -> str:
    """Full-width to half-width, anonymised names and masks removed, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = _ANON_NAME.sub(" ", text)
    text = _MASK.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def _strip_numbers(text: str) -> str:
    return _NUMBER.sub(" ", _DATE.sub(" ", text))


def tokenize(text: str, *, keep_stopwords: bool = False, normalized: bool = False) -> list[str]:
    """Content words of ``text`` in order: legal terms kept whole, numbers and names dropped.

    ``normalized=True`` skips ``normalize`` for text that has been through it already.
    """
    tok = _load_tokenizer()
    drop = frozenset() if keep_stopwords else stopwords()
    out: list[str] = []
    clean = text if normalized else normalize(text)
    for word in tok.cut(_strip_numbers(clean), HMM=False):
        word = word.strip()
        if not word or word in drop or not _CJK.search(word):
            continue
        if len(word) == 1 and word not in _MEANINGFUL_SINGLE:
            continue
        out.append(word)
    return out


def char_ngrams(text: str, n: int = 2, *, normalized: bool = False) -> list[str]:
    """Overlapping n-grams of Chinese characters, within runs of Chinese text only.

    Character n-grams are immune to segmentation mistakes (借款人 vs 借款/人), which makes them a
    useful second view next to word tokens.
    """
    grams: list[str] = []
    clean = text if normalized else normalize(text)
    for run in _CJK_RUN.findall(_strip_numbers(clean)):
        grams.extend(run[i : i + n] for i in range(len(run) - n + 1))
    return grams


def tokenize_many(texts: Iterable[str]) -> list[list[str]]:
    """``tokenize`` over many texts (kept as one call so a faster backend can slot in later)."""
    return [tokenize(t) for t in texts]
