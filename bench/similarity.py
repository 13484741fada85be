"""Benchmark: likely-repeat search over earlier requests, on one core.

Goal: 1,000 prepared candidates searched in < 20 ms. Run: .venv/bin/python bench/similarity.py [--candidates N]
Candidates are generated request texts (agency × year × subject × wording); the queries are
re-worded copies of some of them and fresh texts, so both the pruned and the scored paths run.
"""

from __future__ import annotations

import argparse
import platform
import random
import time

from gongkai.requests.rules.similarity import DuplicateIndex, likely_duplicates

AGENCIES = [
    "某某区人民政府",
    "某某区财政局",
    "某某区住房和城乡建设局",
    "某某街道办事处",
    "某某区自然资源局",
    "某某区教育局",
]
SUBJECTS = [
    "部门预算及“三公”经费预算执行情况",
    "部门决算及“三公”经费决算情况",
    "城市更新项目征收补偿安置方案",
    "老旧小区改造工程招标文件及中标通知书",
    "国有土地使用权出让合同",
    "义务教育阶段学校划片招生方案",
    "某某路拓宽工程的立项批复文件",
    "行政处罚决定书及案件调查终结报告",
]
WORDINGS = [
    "申请公开{a}{y}年度{s}。",
    "请求公开 {a} {y}年 {s}",
    "本人申请获取关于{a}{y}年{s}的相关信息",
    "{a}{y}年度{s}",
]


def request_text(rng: random.Random) -> str:
    return rng.choice(WORDINGS).format(
        a=rng.choice(AGENCIES), y=rng.randint(2015, 2025), s=rng.choice(SUBJECTS)
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--candidates", type=int, default=1_000)
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    candidates = [(i, request_text(rng)) for i in range(args.candidates)]
    queries = [request_text(rng) for _ in range(args.queries)]

    start = time.perf_counter()
    index = DuplicateIndex(candidates)
    build = time.perf_counter() - start

    start = time.perf_counter()
    hits = sum(len(index.search(q)) for q in queries)
    search = (time.perf_counter() - start) / len(queries)

    start = time.perf_counter()
    for q in queries[:20]:
        likely_duplicates(q, candidates)
    unprepared = (time.perf_counter() - start) / 20

    print(
        f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, 1 process"
    )
    print(
        f"prepare:  {len(candidates):>6} candidates in {build * 1000:.1f} ms = {len(candidates) / build:,.0f} candidates/s"
    )
    print(
        f"search:   {len(candidates):>6} prepared candidates in {search * 1000:.2f} ms per query "
        f"= {len(candidates) / search:,.0f} candidates/s ({hits / len(queries):.1f} hits per query)"
    )
    print(
        f"unprepared (likely_duplicates): {unprepared * 1000:.1f} ms per query = {len(candidates) / unprepared:,.0f} candidates/s"
    )


if __name__ == "__main__":
    main()
