"""The five real reports of shared/seeds, copied into tests/fixtures so the suite stands alone."""

from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def seed_path(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def seed_text(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")
