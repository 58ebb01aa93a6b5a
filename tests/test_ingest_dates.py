"""Publication dates read from the top of an article: the metadata line, a dateline, a date line."""

from __future__ import annotations

import pytest

from kg.ingest import dateline_date, make_article


@pytest.mark.parametrize(("text", "iso"), [
    ("Lisbon, March 3, 2024 — Ministers of the two countries met on Tuesday.", "2024-03-03"),
    ("A headline about talks\nJune 21st, 2023\nThe ministers met.", "2023-06-21"),
    ("Updated 7 February 2022\nThe envoy arrived.", "2022-02-07"),
])
def test_a_dateline_near_the_top_gives_the_article_date(text: str, iso: str) -> None:
    assert dateline_date(text) == iso
    assert make_article(text, "a.txt").date == iso


def test_a_date_deep_in_a_sentence_is_not_the_publication_date() -> None:
    text = "The envoy, who had travelled for weeks across the region, finally arrived on Sunday, 9th March 2025."
    assert dateline_date(text) is None


def test_a_date_without_a_year_is_not_guessed() -> None:
    assert dateline_date("Quito, July 7 (Agency). The talks ended.") is None


def test_the_metadata_line_wins_over_a_dateline() -> None:
    art = make_article(" date 2021-05-04 Lisbon, March 3, 2024 — The ministers met.", "a.txt")
    assert art.date == "2021-05-04"
    assert not art.text.startswith("date")


def test_leading_list_bullets_are_dropped_so_the_sentence_parses() -> None:
    art = make_article("Talks resume\n• The minister said the talks would resume.\n", "a.txt")
    assert "The minister said the talks would resume." in art.text.split("\n\n")
