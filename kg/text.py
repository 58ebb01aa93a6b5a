"""Small text helpers shared by every stage: the name normal form and slugs.

The normal form is the one of the evaluation contract (../shared/eval/SPEC.md),
so that "Kim Jong-un", "Kim Jong Un" and "kim jong un" are one name everywhere
in the package: gazetteer look-ups, actor identity and scoring.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = {0x2019: "'", 0x2018: "'", 0x201C: '"', 0x201D: '"', 0x02BC: "'"}


def strip_diacritics(text: str) -> str:
    """Remove combining marks after NFKD decomposition ("Erdoğan" -> "Erdogan")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def norm(name: str) -> str:
    """Return the normal form of an actor name (the scoring contract's).

    >>> norm("The U.S.")
    'u s'
    >>> norm("Kim Jong-un") == norm("kim jong un")
    True
    """
    s = strip_diacritics(str(name)).casefold().strip()
    s = s.translate(_QUOTES)
    s = re.sub(r"'s?$", "", s)
    s = re.sub(r"[-.\s]+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    return s


def slug(name: str, max_len: int = 80) -> str:
    """Return a lowercase ASCII slug (letters, digits, hyphens) for IRIs.

    Never empty: text with no ASCII letters or digits gives ``"x"`` plus a
    short hash, so distinct non-Latin names stay distinct.

    >>> slug("Kaja Kallas")
    'kaja-kallas'
    """
    s = strip_diacritics(name).casefold()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")[:max_len].strip("-")
    if not s:
        import hashlib

        s = "x" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]
    return s
