"""Benchmark: the portal's Chinese search over a large index.

Builds N searchable pages (default 20,000, a decade of a province's pieces) in a scratch
database, then times ``search_pieces`` for typical queries and compares it with

* the obvious alternative: load every entry and match in Python (what a naive view does);
* the floor: one bare ``LIKE '%term%'`` count over the table, which any substring search
  must at least pay.

Run:  DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/bench_search.py [N]
On PostgreSQL: add DATABASE_URL=postgres://postgres@127.0.0.1:5432/minsheng_bench (created if missing).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("MINSHENG_VAR_DIR", tempfile.mkdtemp(prefix="minsheng-bench-"))

import django

django.setup()

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import setup_databases, teardown_databases

WORDS = (
    "老年助餐 助餐点 居家养老 课后服务 健身圈 阅读圈 农村公路 老旧小区 棚户区 医疗保险 困难群众 救助 就业 技能培训 "
    "托育 学前教育 两癌筛查 康复 法律援助 食品安全 菜篮子 引调水 门诊 便民 监督员 回访 公示 宣传月 明白纸 村委会 "
    "青山镇 白塔镇 柳河镇 石桥镇 龙泉镇 桃源镇 西岭镇 南港镇 东湖乡 城关街道 民政局 卫健委 教育局 住建局 交通运输局"
).split()
FILLER = "为进一步做好民生工程宣传工作，各镇街认真组织实施，扎实推进各项任务，群众满意度不断提升。"
QUERIES = ["助餐", "老年 助餐", "青山镇 课后服务", "农村公路建设", "两癌筛查", "不存在的词语组合"]


def build(n: int) -> None:
    from wagtail.models import Page

    from minsheng.portal.models import ArticlePage, SearchEntry
    from minsheng.portal.search import fold

    rng = random.Random(7)
    root = Page.get_first_root_node()
    locale_id = root.locale_id
    ct = ContentType.objects.get_for_model(ArticlePage)
    base = root.path + "0009"
    parent = Page(
        title="bench",
        slug="bench",
        path=base,
        depth=2,
        numchild=n,
        content_type=ct,
        live=True,
        url_path="/bench/",
        locale_id=locale_id,
    )
    Page.objects.bulk_create([parent])
    pages = []
    for i in range(n):
        step = "".join("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(i // 36**k) % 36] for k in (3, 2, 1, 0))
        pages.append(
            Page(
                title=f"p{i}",
                slug=f"p{i}",
                path=base + step,
                depth=3,
                numchild=0,
                content_type=ct,
                live=True,
                url_path=f"/bench/p{i}/",
                locale_id=locale_id,
            )
        )
    Page.objects.bulk_create(pages, batch_size=2000)
    ids = list(Page.objects.filter(depth=3, path__startswith=base).values_list("pk", flat=True))
    entries = []
    for pk in ids:
        title = "".join(rng.sample(WORDS, 3)) + "工作扎实推进"
        body = FILLER + "".join(rng.choice(WORDS) + FILLER[: rng.randint(10, 40)] for _ in range(rng.randint(8, 30)))
        entries.append(SearchEntry(page_id=pk, title=title, body=body, folded=fold(f"{title}\n{body}"), kind="news"))
    SearchEntry.objects.bulk_create(entries, batch_size=2000)


def timed(fn: Callable[[], Any], repeat: int = 5) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000, result


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    old = setup_databases(verbosity=0, interactive=False)
    try:
        from minsheng.portal.models import SearchEntry
        from minsheng.portal.search import fallback_terms, query_terms, search_pieces

        t = time.perf_counter()
        build(n)
        print(f"database: {connection.vendor}; {n:,} indexed pages built in {time.perf_counter() - t:.1f} s")
        search_pieces("预热")  # loads jieba once (about 1 s, once per process)
        print(f"{'query':<16}{'results':>9}{'search ms':>11}{'python-scan ms':>16}{'floor ms':>10}")
        for q in QUERIES:
            ms, results = timed(partial(search_pieces, q))
            total = len(results)
            terms = query_terms(q)
            wider = fallback_terms(terms)

            def python_scan(terms: list[str] = terms, wider: list[str] = wider) -> int:
                rows = list(SearchEntry.objects.values_list("title", "body").iterator(chunk_size=2000))
                found = sum(1 for title, body in rows if all(t in title or t in body for t in terms))
                if found == 0 and len(wider) >= 2:  # the same any-word fallback as the search
                    found = sum(1 for title, body in rows if any(t in title or t in body for t in wider))
                return found

            scan_ms, scan_count = timed(python_scan, repeat=3)
            floor_ms, _ = timed(SearchEntry.objects.filter(folded__contains=terms[0]).count)
            assert scan_count == total, (q, scan_count, total)
            print(f"{q:<16}{total:>9}{ms:>11.1f}{scan_ms:>16.1f}{floor_ms:>10.1f}")
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
