"""The canonical JSON: the spec's keys, null for absent values, an exact round trip, a published schema."""

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from gongkai.report_format import Cell, Report, analyse, read_path
from gongkai.report_format.schema import schema_json
from tests.report_format.builders import consistent_report
from tests.report_format.seeds import SEEDS

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"


def test_json_uses_the_canonical_keys():
    data = consistent_report().to_json()
    assert data["table2"]["normative_documents"] == {"issued": 2, "repealed": 1, "in_force": 11}
    assert data["table2"]["fees"] == {"amount": 1.25}
    assert data["table3"]["columns"] == [
        "natural_person",
        "commercial",
        "research",
        "social_welfare",
        "legal_service",
        "other_org",
        "total",
    ]
    assert data["table3"]["rows"]["new"] == [10, 3, 0, 0, 0, 0, 13]
    assert data["table4"]["review"] == {"upheld": 1, "corrected": 1, "other": 0, "pending": 1, "total": 3}
    assert data["published_on"] == "2025-01-20"


def test_an_absent_value_is_null_never_zero():
    r = consistent_report()
    r.values[Cell("table3", "new", "research")] = None
    r.values[Cell("table2", "fees", "amount")] = None
    data = json.loads(r.dumps())
    assert data["table3"]["rows"]["new"][2] is None
    assert data["table2"]["fees"]["amount"] is None


def test_round_trip_is_exact_including_the_decimal_fee():
    r = analyse(consistent_report())
    r.values[Cell("table2", "fees", "amount")] = Decimal("0.3725")
    back = Report.loads(r.dumps())
    assert back.values == r.values
    assert isinstance(back.values[Cell("table2", "fees", "amount")], Decimal)
    assert back.to_json() == r.to_json()


def test_a_count_that_is_not_whole_is_refused_on_load():
    data = consistent_report().to_json()
    data["table3"]["rows"]["new"][0] = 1.5
    with pytest.raises(ValueError, match=r"table3\.rows\.new\.natural_person"):
        Report.from_json(data)


def test_published_schema_is_the_one_derived_from_the_layout():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_json(), (
        "run: python -m gongkai.report_format.schema > docs/report.schema.json"
    )


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_seed_validates_against_the_schema(path):
    data = json.loads(analyse(read_path(path), infer=True).dumps())
    jsonschema.validate(data, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
