"""Generate a benchmark corpus by recombining real articles' paragraphs.

Each generated article takes a headline and paragraphs from one source
article, mixes in paragraphs from others, and swaps most actors it names for
other actors of the gazetteer (same type; same gender for people, so pronouns
still agree), consistently within the article. Names therefore vary across the
corpus the way they do in news, and the text keeps the sentence shapes the
extractors see in real articles. A ``date`` line gives every article its own
publication date.

Sources: the seed articles (``seeds/``) and, when present, the development
articles (``../shared/eval/dev/articles``), read at run time. The output goes
to a directory *outside* the repository: generated text is derived from those
articles and is never committed.

Usage::

    python benchmarks/make_corpus.py /tmp/bench-corpus-1k --n 1000
    python benchmarks/make_corpus.py /tmp/bench-corpus-10k --n 10000 --seed 7
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = (ROOT / "seeds", ROOT.parent / "shared" / "eval" / "dev" / "articles")
_DATE_LINE = re.compile(r"^\s*date\s*[:=]?\s*\d{4}-\d{2}-\d{2}\b.*$", re.IGNORECASE)


@dataclass(frozen=True)
class Paragraph:
    """A source paragraph and the gazetteer actors it names: (start, end, key) spans."""

    text: str
    spans: tuple[tuple[int, int, str], ...]

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Source:
    name: str
    headline: Paragraph
    body: tuple[Paragraph, ...]


def read_sources(dirs: list[Path]) -> list[tuple[str, list[str]]]:
    """(file name, paragraphs) of every ``.txt`` article in ``dirs`` (first copy of a name wins)."""
    seen: set[str] = set()
    out = []
    for d in dirs:
        if not d.is_dir():
            continue
        for p in sorted(d.glob("*.txt")):
            if p.name in seen:
                continue
            seen.add(p.name)
            lines = [ln.strip() for ln in p.read_text(encoding="utf-8").splitlines()]
            paras = []
            for ln in lines:
                ln = _DATE_LINE.sub("", ln).strip() if not paras else ln
                if len(ln.split()) >= 5 and ln not in paras:  # furniture ("2 min read", captions' credits) out
                    paras.append(ln)
            if len(paras) >= 3:
                out.append((p.name, paras))
    return out


def name_index(gaz) -> tuple[re.Pattern[str], dict[str, str]]:
    """A regex matching every gazetteer name and alias (longest first), and surface -> key."""
    surface: dict[str, str] = {}
    for key in sorted(gaz.entries):
        e = gaz.entries[key]
        for name in e.names:
            name = name.strip()
            if len(name) >= 3 or (len(name) == 2 and name.isupper()):
                surface.setdefault(name, key)
    alts = sorted(surface, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])")
    return pattern, surface


def annotate(text: str, pattern: re.Pattern[str], surface: dict[str, str]) -> Paragraph:
    return Paragraph(text, tuple((m.start(), m.end(), surface[m.group()]) for m in pattern.finditer(text)))


def swap(par: Paragraph, mapping: dict[str, str], labels: dict[str, str]) -> str:
    """The paragraph with each mapped actor's surface replaced by its substitute's label."""
    out, pos = [], 0
    for start, end, key in par.spans:
        new = mapping.get(key)
        if new is None:
            continue
        out.append(par.text[pos:start])
        out.append(labels[new])
        pos = end
    out.append(par.text[pos:])
    return "".join(out)


def generate(sources: list[Source], gaz, n: int, out: Path, seed: int = 0, swap_share: float = 0.7) -> int:
    """Write ``n`` articles to ``out``; return the number of words written."""
    pools: dict[tuple[str, str | None], list[str]] = {}
    for key in sorted(gaz.entries):
        e = gaz.entries[key]
        pools.setdefault((e.type, e.gender if e.type == "Person" else None), []).append(key)
    labels = {k: e.label for k, e in gaz.entries.items()}
    all_paras = [p for s in sources for p in s.body]
    out.mkdir(parents=True, exist_ok=True)
    words = 0
    width = len(str(n))
    for i in range(n):
        rng = random.Random(seed * 1_000_003 + i)
        lead = rng.choice(sources)
        target = rng.randint(220, 480)
        body = list(lead.body[: rng.randint(2, max(2, len(lead.body) // 2))])
        # each paragraph at most once (ingest drops repeated paragraphs), the lead's first
        others = [p for p in lead.body if p not in body]
        rng.shuffle(others)
        extra = [p for p in all_paras if p not in body and p not in others]
        rng.shuffle(extra)
        while sum(p.words for p in body) < target and (others or extra):
            pick_lead = others and (not extra or rng.random() < 0.4)
            body.append(others.pop() if pick_lead else extra.pop())
        mapping: dict[str, str] = {}
        for par in (lead.headline, *body):
            for _, _, key in par.spans:
                if key in mapping or rng.random() > swap_share:
                    mapping.setdefault(key, key)
                    continue
                e = gaz.entries[key]
                pool = pools[(e.type, e.gender if e.type == "Person" else None)]
                mapping[key] = rng.choice(pool)
        date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        paras = [swap(lead.headline, mapping, labels)] + [swap(p, mapping, labels) for p in body]
        text = f"date {date}\n" + "\n\n".join(paras) + "\n"
        words += len(text.split()) - 2
        (out / f"bench-{i:0{width}d}.txt").write_text(text, encoding="utf-8")
    return words


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="output directory (outside the repository)")
    ap.add_argument("--n", type=int, default=1000, help="articles to write")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sources", type=Path, nargs="*", default=list(DEFAULT_SOURCES),
                    help="directories of source articles (.txt)")
    args = ap.parse_args(argv)
    out = args.out.resolve()
    if out == ROOT or ROOT in out.parents:
        ap.error(f"{out} is inside the repository; write the corpus elsewhere (e.g. /tmp/bench-corpus)")
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    pattern, surface = name_index(gaz)
    raw = read_sources(args.sources)
    if not raw:
        ap.error("no source articles found")
    sources = [Source(name, annotate(paras[0], pattern, surface),
                      tuple(annotate(p, pattern, surface) for p in paras[1:])) for name, paras in raw]
    words = generate(sources, gaz, args.n, out, seed=args.seed)
    print(f"wrote {args.n} articles, {words:,} words, from {len(sources)} source articles to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
