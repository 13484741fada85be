"""Equivalence of the reader's output between two versions of the code: save, then compare.

Run: .venv/bin/python bench/solver_equivalence.py save /tmp/equiv-base [--n 100] [--seeds 2026]
     .venv/bin/python bench/solver_equivalence.py compare /tmp/equiv-base
Every class of tests/report_format/corruptions.py (N reports per class and seed) and every file of
the real corpus (shared/corpus/real/raw) is read as the bench reads it (``read_bytes`` then
``analyse(infer=True)``) and its ``report.to_json()`` written as one JSON line per document. A
speed-up of the reader must leave every line identical: each cell value and each source note
(``recovered``, ``ambiguous``, ``unsettled``) included.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gongkai.report_format.errors import ReportReadError
from gongkai.report_format.read import analyse, read_bytes
from tests.report_format.corruptions import CLASSES, corpus

REAL = Path("/work/shared/corpus/real/raw")


def documents(n: int, seeds: list[int]) -> Iterator[tuple[str, bytes, str]]:
    """(key, bytes, filename) of every document compared."""
    for seed in seeds:
        for kind in CLASSES:
            for i, sample in enumerate(corpus(kind, n, seed)):
                yield f"{kind}/{seed}/{i}", sample.text.encode(), "x.txt"
    if REAL.is_dir():
        for path in sorted(REAL.iterdir()):
            yield f"real/{path.name}", path.read_bytes(), path.name


def read_json(data: bytes, filename: str) -> str:
    try:
        report = analyse(read_bytes(data, filename), infer=True)
    except ReportReadError as exc:
        return json.dumps({"error": str(exc)}, ensure_ascii=False)
    return json.dumps(report.to_json(), ensure_ascii=False, sort_keys=True, default=str)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("dir", type=Path)
    parser.add_argument("--n", type=int, default=100, help="reports per class and seed")
    parser.add_argument("--seeds", default="2026", help="comma-separated")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    out = {key: read_json(data, name) for key, data, name in documents(args.n, seeds)}
    path = args.dir / f"n{args.n}-s{'_'.join(map(str, seeds))}.jsonl"
    if args.action == "save":
        args.dir.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps([k, v], ensure_ascii=False) + "\n" for k, v in out.items()))
        print(f"saved {len(out)} documents to {path}")
        return
    base = dict(json.loads(line) for line in path.read_text().splitlines())
    differ = [k for k in base.keys() | out.keys() if base.get(k) != out.get(k)]
    for key in sorted(differ)[:20]:
        print(f"DIFFERS {key}")
    print(f"{len(out)} documents, {len(differ)} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
