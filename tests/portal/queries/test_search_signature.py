"""The walk's signature test (PostgreSQL's, built without a database): bits of every lexeme of every
clause; any alternative of a clause will do; a term without lexemes lets everything through."""

from __future__ import annotations

from gongkai.portal.queries.search.backends import _signature_test

BIT = "get_bit(k.sig, mod(%s, 8 * length(k.sig))) = 1"


def test_every_lexeme_of_a_single_term_clause_must_have_its_bits():
    sql, params = _signature_test([("低保",), ("光明",)], [[7, 3], [11, 5]])

    assert sql == f"(({BIT} AND {BIT})) AND (({BIT} AND {BIT}))"
    assert params == [3, 7, 5, 11]


def test_any_alternative_of_a_clause_will_do():
    sql, params = _signature_test([("三公经费", "三公", "经费")], [[1, 2], [3, 4], [5, 6]])

    assert sql == f"(({BIT} AND {BIT}) OR ({BIT} AND {BIT}) OR ({BIT} AND {BIT}))"
    assert params == [1, 2, 3, 4, 5, 6]


def test_a_term_without_lexemes_makes_its_clause_test_nothing():
    sql, params = _signature_test([("低保",), ("——", "x")], [[7, 3], [], [9, 8]])

    assert sql == f"(({BIT} AND {BIT}))"
    assert params == [3, 7]


def test_no_clause_left_tests_nothing():
    assert _signature_test([("——",)], [[]]) == ("TRUE", [])
