"""Speed and memory of similar-case ranking on a synthetic corpus, against rank_bm25.

The corpus is generated deterministically from templates and small vocabularies (lending,
traffic, labour, sale, lease cases), so the benchmark needs no download and every run sees the
same texts. Measured on one thread, in one process, in this order:

Each engine runs in a forked child process (one thread) so memory figures do not mix.

* SimilarityIndex: build time (facts, tokens, elements, two bm25s views), RSS growth, query
  latency p50/p95 (search with k=30, explanations off as in the CLI, then on);
* rank_bm25.BM25Okapi over jieba tokens of the same texts: build time, RSS growth, latency.

    .venv/bin/python bench/similarity_bench.py --docs 100000 [--queries 200] [--baseline-queries 20]
"""

from __future__ import annotations

import argparse
import gc
import logging
import multiprocessing
import os
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from multiprocessing.connection import Connection

import jieba
from rank_bm25 import BM25Okapi

from fating.knowledge.similarity import SimilarityIndex

jieba.setLogLevel(logging.WARNING)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
)
PLACES = [
    "湖南省湘阴县",
    "福建省云霄县",
    "浙江省杭州市",
    "山西省太原市",
    "青海省尖扎县",
    "湖北省咸宁市",
    "四川省成都市",
    "河南省郑州市",
    "广东省中山市",
    "江苏省南京市",
]
COMPANIES = [
    "建材有限公司",
    "制冷设备有限公司",
    "房地产开发有限公司",
    "商贸有限公司",
    "农业开发有限公司",
]
PURPOSES = [
    "因经营生意需要资金周转",
    "因购房缺少资金",
    "因资金周转困难",
    "因建房需要",
    "因承包工程需要资金",
    "因家庭生活困难",
    "因看病急需用钱",
    "因进货缺乏资金",
]
AGREEMENTS = ["出具借条一张", "双方签订借款合同", "出具欠条一份", "出具收据一张", "签订借款协议"]
DELIVERIES = [
    "原告以现金方式交付",
    "原告通过银行转账支付",
    "原告通过微信转账支付",
    "原告通过支付宝转账",
    "原告以现金及银行转账方式交付",
]
GUARANTEES = [
    "",
    "",
    "由第三人提供连带责任保证",
    "被告以其房屋提供抵押担保并办理抵押登记",
    "担保人在借条上签字",
    "被告以车辆质押",
]
REPAYMENTS = [
    "被告至今分文未还",
    "被告归还部分借款后余款未还",
    "被告支付利息至{d}后未再付息",
    "经原告多次催讨，被告拒不归还",
    "被告已偿还{a}元，尚欠余款",
]
DEFENCES = [
    "被告未到庭参加诉讼，亦未提交答辩意见。",
    "被告辩称利息过高，请求依法调整。",
    "被告辩称借款已经还清。",
    "被告辩称原告起诉已超过诉讼时效。",
    "",
]
TRAFFIC = ["驾驶小型轿车与原告驾驶的电动自行车相撞", "驾驶货车追尾原告车辆", "倒车时撞伤行人"]
INJURIES = ["经鉴定构成十级伤残", "经鉴定构成九级伤残", "住院治疗二十天", "经抢救无效死亡"]
LABOUR = ["原告在被告处从事生产工作", "原告受聘为被告公司司机", "原告在被告工地从事木工工作"]
GOODS = ["钢材", "水泥", "饲料", "化肥", "服装", "电子产品", "木材", "茶叶"]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)}某{rng.randint(1, 9)}"


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2010, 2024)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


def _lending(rng: random.Random) -> str:
    lender, borrower = _name(rng), _name(rng)
    if rng.random() < 0.15:
        borrower = rng.choice(PLACES)[-3:] + rng.choice(COMPANIES)
    amount = rng.choice([5000, 20000, 30000, 50000, 80000, 100000, 200000, 500000, 1000000])
    rate = rng.choice(
        [
            "约定月利率2%",
            "约定月息1.5%",
            "约定年利率24%",
            "约定月利率3%",
            "未约定利息",
            "约定年利率36%",
            "约定按中国人民银行同期贷款利率计息",
        ]
    )
    term = rng.choice(["借款期限一年", "借款期限为六个月", "未约定还款期限", "约定于次年底前还清"])
    repay = rng.choice(REPAYMENTS).format(d=_date(rng), a=amount // 5)
    return (
        f"原告{lender}，男，{rng.randint(1950, 1995)}年出生，汉族，住{rng.choice(PLACES)}。"
        f"被告{borrower}，住{rng.choice(PLACES)}。\n\n"
        f"原告{lender}向本院提出诉讼请求：1、判令被告偿还借款本金{amount}元及利息；2、本案诉讼费由被告承担。"
        f"事实与理由：{_date(rng)}，被告{borrower}{rng.choice(PURPOSES)}，向原告借款{amount}元，{rate}，"
        f"{term}，{rng.choice(AGREEMENTS)}。{rng.choice(DELIVERIES)}。{rng.choice(GUARANTEES)}。{repay}。"
        f"{rng.choice(DEFENCES)}经审理查明：{_date(rng)}，被告{borrower}向原告借款{amount}元，{rate}，"
        f"{rng.choice(AGREEMENTS)}。{repay}。以上事实，有借条、银行流水及当事人陈述在卷佐证。"
    )


def _traffic(rng: random.Random) -> str:
    a, b = _name(rng), _name(rng)
    loss = rng.randint(5, 300) * 1000
    return (
        f"原告{a}，住{rng.choice(PLACES)}。被告{b}。被告某财产保险股份有限公司。\n\n"
        f"原告{a}诉称：{_date(rng)}，被告{b}{rng.choice(TRAFFIC)}，造成原告受伤，"
        f"{rng.choice(INJURIES)}。交警部门认定被告负事故全部责任。被告车辆在保险公司投保交强险及商业三者险。"
        f"请求判令被告赔偿医疗费、误工费、护理费、残疾赔偿金等共计{loss}元。"
        f"经审理查明：事故经过属实，原告支出医疗费{loss // 3}元。"
    )


def _labour(rng: random.Random) -> str:
    a = _name(rng)
    return (
        f"原告{a}。被告{rng.choice(PLACES)[-3:]}{rng.choice(COMPANIES)}。\n\n"
        f"原告诉称：{_date(rng)}起{rng.choice(LABOUR)}，双方未签订书面劳动合同，"
        f"被告拖欠工资{rng.randint(3, 80) * 1000}元，且未支付加班费。"
        f"{rng.choice(['原告在工作中受伤，经认定为工伤。', '被告无故解除劳动关系，应支付经济补偿金。', ''])}"
        f"经审理查明：原告于{_date(rng)}离职，被告确认尚欠工资。"
    )


def _sale(rng: random.Random) -> str:
    a, b = _name(rng), _name(rng)
    goods = rng.choice(GOODS)
    return (
        f"原告{a}。被告{b}。\n\n原告诉称：双方自{_date(rng)}起建立{goods}买卖合同关系，"
        f"原告按约向被告供货，被告收货后出具送货单及对账单，尚欠货款{rng.randint(1, 90) * 1000}元未付。"
        f"{rng.choice(['被告辩称货物存在质量问题。', '被告未到庭。', ''])}"
        f"经审理查明：被告确认收到{goods}，已支付部分货款。"
    )


def _lease(rng: random.Random) -> str:
    a, b = _name(rng), _name(rng)
    return (
        f"原告{a}。被告{b}。\n\n原告诉称：{_date(rng)}双方签订房屋租赁合同，约定月租金"
        f"{rng.randint(5, 50) * 100}元，押金{rng.randint(1, 5) * 1000}元。被告拖欠租金"
        f"{rng.randint(2, 12)}个月，经催告仍未支付，请求解除合同并支付租金及违约金。"
        f"经审理查明：被告承租后自{_date(rng)}起未再支付租金。"
    )


GENERATORS: list[tuple[float, Callable[[random.Random], str]]] = [
    (0.55, _lending),
    (0.15, _traffic),
    (0.1, _labour),
    (0.1, _sale),
    (0.1, _lease),
]


def make_corpus(n: int, seed: int = 20250101) -> list[tuple[str, str]]:
    """``n`` synthetic case texts, identical for identical (n, seed)."""
    rng = random.Random(seed)
    weights = [w for w, _ in GENERATORS]
    funcs = [f for _, f in GENERATORS]
    return [(f"doc-{i:06d}", rng.choices(funcs, weights)[0](rng)) for i in range(n)]


def rss_bytes() -> int:
    """Resident set size of this process (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def timed_queries(fn: Callable[[str], object], queries: list[str]) -> tuple[float, float]:
    fn(queries[0])  # warm-up: first call pays lazy initialisation
    times = []
    for q in queries:
        t0 = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), percentile(times, 95)


Row = tuple[str, str, str, str, str, str]
Corpus = list[tuple[str, str]]


def bench_engine(corpus: Corpus, queries: list[str], trace: bool) -> list[Row]:
    gc.collect()
    rss0 = rss_bytes()
    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    index = SimilarityIndex().build(corpus)
    build_s = time.perf_counter() - t0
    heap = ""
    if trace:
        heap = f"{tracemalloc.get_traced_memory()[0] / 2**20:.0f} MiB"
        tracemalloc.stop()
    gc.collect()
    rss_mb = (rss_bytes() - rss0) / 2**20
    p50, p95 = timed_queries(lambda q: index.search(q, k=30), queries)
    e50, e95 = timed_queries(lambda q: index.search(q, k=30, explain=True), queries)
    return [
        (
            "SimilarityIndex (k=30)",
            f"{build_s:.1f} s",
            f"{rss_mb:.0f} MiB",
            f"{p50:.1f} ms",
            f"{p95:.1f} ms",
            heap,
        ),
        ("  … with explanations", "", "", f"{e50:.1f} ms", f"{e95:.1f} ms", ""),
    ]


def bench_baseline(corpus: Corpus, queries: list[str], trace: bool) -> list[Row]:
    gc.collect()
    rss0 = rss_bytes()
    t0 = time.perf_counter()
    # rank_bm25 takes pre-tokenised text; tokenising is counted in its build, as in ours.
    baseline = BM25Okapi([jieba.lcut(text) for _, text in corpus])
    build_s = time.perf_counter() - t0
    gc.collect()
    rss_mb = (rss_bytes() - rss0) / 2**20

    def query(q: str) -> object:
        return baseline.get_scores(jieba.lcut(q)).argsort()[::-1][:30]

    p50, p95 = timed_queries(query, queries)
    return [
        (
            "rank_bm25 BM25Okapi (k=30)",
            f"{build_s:.1f} s",
            f"{rss_mb:.0f} MiB",
            f"{p50:.1f} ms",
            f"{p95:.1f} ms",
            "",
        )
    ]


def _child(conn: Connection, fn: Callable[..., list[Row]], *args: object) -> None:
    try:
        conn.send(fn(*args))
    finally:
        conn.close()


def _in_child(fn: Callable[..., list[Row]], *args: object) -> list[Row]:
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn, *args))
    proc.start()
    child.close()
    try:
        rows: list[Row] = parent.recv()
    except EOFError:
        raise SystemExit(f"基准子进程异常退出（{fn.__name__}）") from None
    proc.join()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="类案检索性能基准（合成语料）")
    parser.add_argument("--docs", type=int, default=100_000, help="合成案例数（默认 100000）")
    parser.add_argument("--queries", type=int, default=200, help="本引擎查询次数")
    parser.add_argument("--baseline-queries", type=int, default=20, help="rank_bm25 查询次数（慢）")
    parser.add_argument("--tracemalloc", action="store_true", help="另测 Python 堆分配（构建变慢）")
    parser.add_argument("--skip-baseline", action="store_true", help="不运行 rank_bm25 对照")
    args = parser.parse_args(argv)
    if args.docs < 10 or args.queries < 1 or args.baseline_queries < 1:
        parser.error("--docs 至少 10，--queries/--baseline-queries 至少 1")

    t0 = time.perf_counter()
    corpus = make_corpus(args.docs)
    # Queries are fresh texts from another seed: like a new filing, not a copy of an indexed case.
    queries = [text for _, text in make_corpus(max(args.queries, args.baseline_queries), seed=7)]
    print(
        f"corpus: {args.docs} docs, {sum(len(t) for _, t in corpus) / args.docs:.0f} chars/doc "
        f"(generated in {time.perf_counter() - t0:.1f}s)"
    )
    jieba.initialize()
    SimilarityIndex().build([("warm", queries[0])])  # load the legal dictionary outside timing

    # Each engine runs in its own forked process, so its RSS growth is not hidden by memory the
    # other one freed (CPython rarely returns freed memory to the OS).
    rows = _in_child(bench_engine, corpus, queries[: args.queries], args.tracemalloc)
    if not args.skip_baseline:
        rows += _in_child(bench_baseline, corpus, queries[: args.baseline_queries], False)

    header = ("engine", "build", "RSS delta", "p50", "p95", "heap")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print()
    for r in [header, *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    print(f"\nqueries: engine {args.queries}, rank_bm25 {args.baseline_queries}; one thread")
    return 0


if __name__ == "__main__":
    sys.exit(main())
