"""IRI minting: one function, stable, valid and readable where it can be."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.iri import DEFAULT_BASE, mint, wikidata

_FORBIDDEN = set(' <>"{}|^`\\\n\t')


def test_actor_with_qid_keeps_the_qid_readable() -> None:
    assert mint("actor", "Q7747") == DEFAULT_BASE + "actor/Q7747"


def test_actor_slug_keeps_the_slug() -> None:
    assert mint("actor", "kaja-kallas").endswith("/actor/kaja-kallas")


def test_article_uses_the_full_content_hash() -> None:
    h = "a" * 64
    assert mint("article", h) == DEFAULT_BASE + "article/" + h


def test_unsafe_key_is_hashed_not_pasted() -> None:
    iri = mint("actor", "<script>alert(1)</script>")
    assert not (_FORBIDDEN & set(iri[len(DEFAULT_BASE):]))


def test_base_iri_is_configurable() -> None:
    assert mint("event", "summit-2025", base="http://example.org/kg#") == "http://example.org/kg#event/summit-2025"


@pytest.mark.parametrize("base", ["", "relative/", "http://example.org/no-slash", "http://exa mple.org/"])
def test_bad_base_is_refused_with_a_clear_error(base: str) -> None:
    with pytest.raises(ValueError, match="base IRI"):
        mint("actor", "Q1", base=base)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown IRI kind"):
        mint("thing", "x")


def test_wikidata_iri_checks_the_qid() -> None:
    assert wikidata("Q148") == "http://www.wikidata.org/entity/Q148"
    with pytest.raises(ValueError):
        wikidata("148")


@given(kind=st.sampled_from(["actor", "event", "statement", "assertion", "office"]),
       parts=st.lists(st.text(min_size=0, max_size=40), min_size=1, max_size=4))
def test_minted_iris_are_valid_stable_and_round_trip(kind: str, parts: list[str]) -> None:
    import pyoxigraph
    from rdflib import URIRef

    iri = mint(kind, *parts)
    assert iri == mint(kind, *parts)
    assert not (_FORBIDDEN & set(iri))
    assert pyoxigraph.NamedNode(iri).value == iri
    assert str(URIRef(iri)) == iri


@given(a=st.text(min_size=1, max_size=30), b=st.text(min_size=1, max_size=30))
def test_distinct_parts_give_distinct_iris(a: str, b: str) -> None:
    if a != b:
        assert mint("statement", a) != mint("statement", b)
