"""The statistics helpers of bench/http_bench.py: percentiles, summaries and baseline ratios.

bench/ is not a package on the import path, so the module is loaded from its file.
"""

from __future__ import annotations

import importlib.util
import math
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parents[2] / "bench" / "http_bench.py"


def _load():
    spec = importlib.util.spec_from_file_location("http_bench", PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["http_bench"] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


bench = _load()


def test_percentile_interpolates_between_ranks():
    values = [1.0, 2.0, 3.0, 4.0]
    assert bench.percentile(values, 50) == 2.5
    assert bench.percentile(values, 95) == pytest.approx(3.85)


def test_percentile_of_one_to_hundred_matches_numpy_linear():
    values = [float(x) for x in range(1, 101)]
    assert bench.percentile(values, 50) == 50.5
    assert bench.percentile(values, 95) == pytest.approx(95.05)
    assert bench.percentile(values, 99) == pytest.approx(99.01)


def test_percentile_ends_are_min_and_max():
    values = [3.0, 5.0, 8.0]
    assert bench.percentile(values, 0) == 3.0
    assert bench.percentile(values, 100) == 8.0


def test_percentile_of_a_single_value_is_that_value():
    assert bench.percentile([7.0], 99) == 7.0


def test_percentile_of_nothing_is_nan():
    assert math.isnan(bench.percentile([], 50))


def test_percentile_outside_range_is_refused():
    with pytest.raises(ValueError, match=re.escape("percentile must be within 0..100, not 101")):
        bench.percentile([1.0], 101)


def test_summarise_counts_non_200_as_errors_and_reports_milliseconds():
    latencies = [0.010, 0.020, 0.030, 0.040, 0.050]
    statuses = Counter({"200": 3, "500": 1, "ReadTimeout": 1})
    summary = bench.summarise("page", "/p/", latencies, 2.0, statuses)
    assert summary.requests == 5
    assert summary.errors == 2
    assert summary.rps == 2.5
    assert summary.p50_ms == pytest.approx(30.0)
    assert summary.p95_ms == pytest.approx(48.0)
    assert summary.max_ms == pytest.approx(50.0)
    assert summary.mean_ms == pytest.approx(30.0)


def test_summarise_sorts_unsorted_latencies():
    summary = bench.summarise("x", "/x", [0.005, 0.001, 0.003], 1.0, Counter({"200": 3}))
    assert summary.p50_ms == pytest.approx(3.0)
    assert summary.errors == 0


def test_ratios_are_relative_to_the_baseline():
    base = bench.summarise("bare", "/b", [0.001] * 10, 1.0, Counter({"200": 10}))
    page = bench.summarise("page", "/p", [0.004] * 5, 1.0, Counter({"200": 5}))
    bench.add_ratios([base, page], base)
    assert base.rps_ratio == 1.0
    assert base.p95_ratio == 1.0
    assert page.rps_ratio == 0.5
    assert page.p95_ratio == pytest.approx(4.0)
