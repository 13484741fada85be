"""Equivalence of the reader's output between two versions of the code: save, then compare.

Run: .venv/bin/python bench/solver_equivalence.py save /tmp/equiv-base [--n 100] [--seeds 2026] [--clean 0]
     .venv/bin/python bench/solver_equivalence.py compare /tmp/equiv-base [same options]
Every class of tests/report_format/corruptions.py (N reports per class and seed) and every file of
the real corpus (shared/corpus/real/raw) is read as the bench reads it (``read_bytes`` then
``analyse(infer=True)``) and its ``report.to_json()`` written as one JSON line per document. A
speed-up of the reader must leave every line identical: each cell value and each source note
(``recovered``, ``ambiguous``, ``unsettled``) included. ``--clean N`` adds, per seed, the N generated
clean reports of ``bench/parse_text.py`` (its three text layouts) and the five seed reports, read as
that bench reads them (``read_bytes`` then ``analyse`` without inference).

The code compared is the one Python imports: run each version with its own checkout's venv (an
editable install points ``gongkai`` at its own tree whatever the script's path).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gongkai.report_format.errors import ReportReadError
from gongkai.report_format.read import analyse, read_bytes
from gongkai.report_format.render.markdown import render_markdown
from gongkai.report_format.render.text import render_cells, render_tsv
from gongkai.report_format.sample import random_report
from tests.report_format.corruptions import CLASSES, corpus

REAL = Path("/work/shared/corpus/real/raw")
SEEDS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seeds"
LAYOUTS = (render_markdown, render_tsv, render_cells)  # as bench/parse_text.py renders them


def documents(n: int, seeds: list[int], clean: int = 0) -> Iterator[tuple[str, bytes, str, bool]]:
    """(key, bytes, filename, infer) of every document compared."""
    for seed in seeds:
        for kind in CLASSES:
            for i, sample in enumerate(corpus(kind, n, seed)):
                yield f"{kind}/{seed}/{i}", sample.text.encode(), "x.txt", True
        rng = random.Random(seed)
        for i in range(clean):
            yield f"generated/{seed}/{i}", LAYOUTS[i % 3](random_report(rng)).encode(), "x.txt", False
    if clean:
        for path in sorted(SEEDS.glob("*.txt")):
            yield f"seed/{path.name}", path.read_bytes(), path.name, False
    if REAL.is_dir():
        for path in sorted(REAL.iterdir()):
            yield f"real/{path.name}", path.read_bytes(), path.name, True


def read_json(data: bytes, filename: str, infer: bool = True) -> str:
    try:
        report = analyse(read_bytes(data, filename), infer=infer)
    except ReportReadError as exc:
        return json.dumps({"error": str(exc)}, ensure_ascii=False)
    return json.dumps(report.to_json(), ensure_ascii=False, sort_keys=True, default=str)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("dir", type=Path)
    parser.add_argument("--n", type=int, default=100, help="reports per class and seed")
    parser.add_argument("--seeds", default="2026", help="comma-separated")
    parser.add_argument("--clean", type=int, default=0, help="generated clean reports per seed")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    out = {
        key: read_json(data, name, infer) for key, data, name, infer in documents(args.n, seeds, args.clean)
    }
    clean = f"-c{args.clean}" if args.clean else ""
    path = args.dir / f"n{args.n}-s{'_'.join(map(str, seeds))}{clean}.jsonl"
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
