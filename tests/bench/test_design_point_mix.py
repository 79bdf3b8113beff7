"""The request mix of bench/design_point.py: weights as its docstring states them, and every kind
turns into a request for every persona it names.

bench/ is not a package on the import path, so the module is loaded from its file.
"""

from __future__ import annotations

import importlib.util
import random
import re
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load():
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("design_point", BENCH / "design_point.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["design_point"] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


dp = _load()


def test_weights_add_up_to_one_hundred_and_match_the_docstring() -> None:
    assert sum(k.weight for k in dp.MIX) == 100
    stated = dict(re.findall(r"^    (\w+)\s+(\d+)\s{2,}", dp.__doc__, re.MULTILINE))
    assert {k.name: str(k.weight) for k in dp.MIX} == stated


def test_every_kind_makes_a_request_for_each_of_its_personas() -> None:
    rng = random.Random(1)
    for kind in dp.MIX:
        assert kind.name in dp.PATHS
        for name in kind.personas:
            persona = dp.Persona(name, None, disputes=[1], cases=[2], rooms=[3], court=4)
            method, path, body, expected = dp.request_for(kind.name, persona, rng)
            assert path.startswith("/") and "127.0.0.1" not in path
            assert (method, expected) in {("GET", 200), ("POST", 201)}
            assert (body is None) == (method == "GET")


def test_a_persona_without_rooms_is_given_no_chat_request() -> None:
    persona = dp.Persona("party", None, disputes=[], cases=[], rooms=[], court=None)
    for kind in ("chat_read", "chat_post", "filing_create", "dispute_detail", "case_detail"):
        assert dp.request_for(kind, persona, random.Random(1)) is None
