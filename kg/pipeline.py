"""Articles in, :class:`~kg.models.ArticleFacts` out: parsing and extraction, streamed.

No store here: :mod:`kg.graph` writes what this yields.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from kg.models import Article, ArticleFacts


def process(articles: Iterable[Article], *, gazetteer_paths: Sequence[str | Path] = (),
            n_process: int = 1, batch_size: int = 16) -> Iterator[ArticleFacts]:
    """Parse and extract every article, in input order, one result per article.

    An extractor failure on one article yields ArticleFacts with ``errors`` set
    (the article itself is kept) instead of stopping the batch.

    With ``n_process`` > 1 the worker processes parse *and* extract
    (:func:`kg.distributed.process_parallel`): spaCy's own ``n_process`` would
    send every Doc back to this process and leave the extractors to it alone.
    """
    if n_process > 1:
        from kg.distributed import process_parallel

        yield from process_parallel(articles, gazetteer_paths=gazetteer_paths, n_process=n_process,
                                    batch_size=batch_size)
        return
    from kg.extract import extract
    from kg.gazetteer import load_gazetteer
    from kg.nlp import load_pipeline

    gaz = load_gazetteer(gazetteer_paths)
    nlp = load_pipeline(gazetteer_paths)
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        try:
            yield extract(doc, article, gaz)
        except Exception as exc:  # one article's extractor bug must not stop the batch
            yield ArticleFacts(article=article, errors=(f"extraction failed: {type(exc).__name__}: {exc}",))


def extract_text(text: str, *, doc: str = "text.txt", date: str | None = None,
                 gazetteer_paths: Sequence[str | Path] = ()) -> ArticleFacts:
    """Convenience for tests and notebooks: extract facts from one string."""
    from kg.ingest import make_article

    article = make_article(text, doc, date=date)
    return next(process([article], gazetteer_paths=gazetteer_paths))
