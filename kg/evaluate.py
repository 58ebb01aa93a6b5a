"""Scoring facts against gold annotations, as ../shared/eval/SPEC.md defines it.

Per article, micro-averaged over the corpus: actors, events (and their
dates), statements (content-word overlap), attributed statements (and the
speaker matches), about pairs, relations (micro and per predicate), then the
cross-article resolution of actors and events shared by several articles.
A test checks that the figures equal those of the reference scorer.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.models import ACTOR_TYPES, PREDICATES
from kg.text import norm

STOPWORDS = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been being "
    "it its this that these those he she they we i you his her their our my your them us "
    "not no will would can could should has have had do does did so than then there here "
    "which who whom what when where why how all any each".split()
)
KINDS = ("actor", "event", "statement", "relation")


def names(value: Any) -> list[str]:
    """A name field (string or list of alternatives) as a list."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v]
    return [str(value)]


def content_words(text: str) -> set[str]:
    """Lower-cased content words of a statement text (stop words and punctuation out)."""
    s = unicodedata.normalize("NFKD", text).casefold().replace("\u2019", "'")
    return {w for w in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", s) if w not in STOPWORDS}


def overlap(a: str, b: str) -> float:
    """Shared content words over the shorter text's content words."""
    wa, wb = content_words(a), content_words(b)
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0


@dataclass
class Count:
    """Precision/recall counts; optional gold neither rewards nor penalises."""

    tp_sys: int = 0
    sys: int = 0
    tp_gold: int = 0
    gold: int = 0

    def add(self, sys_items: Sequence[dict], gold_items: Sequence[dict], pairs: Iterable[tuple[int, int]]) -> None:
        s2g = dict(pairs)
        matched_gold = set(s2g.values())
        for i in range(len(sys_items)):
            j = s2g.get(i)
            if j is not None and gold_items[j].get("optional"):
                continue
            self.sys += 1
            self.tp_sys += j is not None
        for j, g in enumerate(gold_items):
            if not g.get("optional"):
                self.gold += 1
                self.tp_gold += j in matched_gold

    def prf(self) -> tuple[float, float, float]:
        p = self.tp_sys / self.sys if self.sys else 0.0
        r = self.tp_gold / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class NameTable:
    """Every name an article's actor lines give one actor, for matching names used elsewhere."""

    def __init__(self, actors: Iterable[dict]) -> None:
        self.expand: dict[str, set[str]] = {}
        self.qid: dict[str, str] = {}
        for a in actors:
            forms = {norm(x) for x in names(a.get("name")) + names(a.get("aliases"))} - {""}
            for x in forms:
                self.expand.setdefault(x, set()).update(forms)
                if a.get("wikidata"):
                    self.qid[x] = str(a["wikidata"])

    def forms(self, name: str) -> set[str]:
        n = norm(name)
        return self.expand.get(n, set()) | {n}


def same_name(sys_value: Any, gold_value: Any, sn: NameTable, gn: NameTable) -> bool:
    """Whether a system name (its first, if a list) names one of the gold alternatives."""
    first = (names(sys_value) or [""])[0]
    s, s_forms = norm(first), sn.forms(first)
    for g in names(gold_value):
        gq, sq = gn.qid.get(norm(g)), sn.qid.get(s)
        if (gq and sq and gq == sq) or s in gn.forms(g) or norm(g) in s_forms:
            return True
    return False


def same_actor(s: dict, g: dict) -> bool:
    if s.get("wikidata") and g.get("wikidata") and s["wikidata"] == g["wikidata"]:
        return True
    s_all = {norm(x) for x in names(s.get("name")) + names(s.get("aliases"))}
    g_all = {norm(x) for x in names(g.get("name")) + names(g.get("aliases"))}
    return bool({norm(x) for x in names(s.get("name"))} & g_all or {norm(x) for x in names(g.get("name"))} & s_all)


def match(sys_items: Sequence[dict], gold_items: Sequence[dict],
          score: Callable[[dict, dict], float | None]) -> list[tuple[int, int]]:
    """One-to-one pairs, best score first (ties by position)."""
    cands = sorted(((sc, i, j) for i, s in enumerate(sys_items) for j, g in enumerate(gold_items)
                    if (sc := score(s, g)) is not None), key=lambda c: (-c[0], c[1], c[2]))
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in cands:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


@dataclass
class Evaluation:
    """Scores (``scores``, the JSON of the reference scorer) and per-article misses."""

    scores: dict[str, Any]
    misses: dict[str, list[str]] = field(default_factory=dict)


def _about_pairs(statements: Iterable[dict]) -> list[dict]:
    out: list[dict] = []
    seen: dict[tuple[str, str], dict] = {}
    for st in statements:
        spk = names(st.get("speaker"))
        for tgt in st.get("about") or []:
            key = (norm(spk[0]) if spk else "", norm(names(tgt)[0]) if names(tgt) else "")
            if key in seen:
                seen[key]["optional"] = seen[key]["optional"] and st.get("optional", False)
                continue
            seen[key] = {"speaker": spk, "target": tgt, "optional": st.get("optional", False)}
            out.append(seen[key])
    return out


def _score_article(doc: str, sys_lines: list[dict], gold_lines: list[dict], T: dict[str, Count],
                   misses: dict[str, list[str]], res: dict[str, dict]) -> None:
    def of(lines: list[dict], kind: str) -> list[dict]:
        return [x for x in lines if x["kind"] == kind]

    def note(kind: str, s_items: list[dict], g_items: list[dict], pairs: list[tuple[int, int]],
             show: Callable[[dict], str]) -> None:
        ms, mg = {i for i, _ in pairs}, {j for _, j in pairs}
        misses[doc] += [f"  FP   {kind:9} {show(s)}" for i, s in enumerate(s_items) if i not in ms]
        misses[doc] += [f"  MISS {kind:9} {show(g)}" for j, g in enumerate(g_items)
                        if j not in mg and not g.get("optional")]

    s_act = [a for a in of(sys_lines, "actor") if a.get("type") in ACTOR_TYPES]
    g_act = of(gold_lines, "actor")
    sn, gn = NameTable(s_act), NameTable(g_act)
    pairs = match(s_act, g_act, lambda s, g: 1.0 if same_actor(s, g) else None)
    T["actors"].add(s_act, g_act, pairs)
    note("actor", s_act, g_act, pairs, lambda x: str(x.get("name")))
    for i, j in pairs:
        g = g_act[j]
        if not g.get("optional"):
            res["actor"][g.get("wikidata") or norm(names(g["name"])[0])][doc] = s_act[i].get("id")

    s_ev, g_ev = of(sys_lines, "event"), of(gold_lines, "event")

    def ev_score(s: dict, g: dict) -> float | None:
        hay = [norm(x) for x in names(s.get("name")) + names(s.get("aliases"))]
        kws = [norm(k) for k in names(g.get("keywords")) or names(g.get("name"))]
        return 1.0 if any(k and k in h for k in kws for h in hay) else None

    ev_pairs = match(s_ev, g_ev, ev_score)
    T["events"].add(s_ev, g_ev, ev_pairs)
    note("event", s_ev, g_ev, ev_pairs, lambda x: str(x.get("name")))
    sys_to_gold_event: dict[str, Any] = {}
    for i, j in ev_pairs:
        s, g = s_ev[i], g_ev[j]
        sys_to_gold_event[str(s.get("id"))] = g.get("id")
        if g.get("date") and not g.get("optional"):
            ok = str(s.get("date", ""))[: len(g["date"])] == g["date"]
            d = T["event_dates"]
            d.gold += 1
            d.sys += 1
            d.tp_gold += ok
            d.tp_sys += ok
        if not g.get("optional"):
            res["event"][g.get("id")][doc] = s.get("id")

    s_st, g_st = of(sys_lines, "statement"), of(gold_lines, "statement")
    st_pairs = match(s_st, g_st, lambda s, g: (ov if (ov := overlap(str(s.get("text", "")),
                                                                   str(g.get("text", "")))) >= 0.5 else None))
    T["statements"].add(s_st, g_st, st_pairs)
    attributed = [(i, j) for i, j in st_pairs if same_name(s_st[i].get("speaker"), g_st[j].get("speaker"), sn, gn)]
    T["attributed"].add(s_st, g_st, attributed)
    note("statement", s_st, g_st, attributed,
         lambda x: f"{names(x.get('speaker'))} :: {str(x.get('text', ''))[:90]}")

    s_ab, g_ab = _about_pairs(s_st), _about_pairs(g_st)
    ab_pairs = match(s_ab, g_ab, lambda s, g: 1.0 if (
        s["speaker"] and same_name(s["speaker"][0], g["speaker"], sn, gn)
        and same_name((names(s["target"]) or [""])[0], g["target"], sn, gn)) else None)
    T["about"].add(s_ab, g_ab, ab_pairs)
    note("about", s_ab, g_ab, ab_pairs, lambda x: f"{x['speaker']} -> {x['target']}")

    s_rel, g_rel = of(sys_lines, "relation"), of(gold_lines, "relation")

    def end_ok(s_val: Any, g_val: Any) -> bool:
        s1 = (names(s_val) or [""])[0]
        gl = names(g_val)
        if any(g.startswith("@") for g in gl):
            gid = sys_to_gold_event.get(s1[1:]) if s1.startswith("@") else None
            return gid is not None and "@" + str(gid) in gl
        return not s1.startswith("@") and same_name(s1, gl, sn, gn)

    def rel_score(s: dict, g: dict) -> float | None:
        if s.get("predicate") != g.get("predicate"):
            return None
        if end_ok(s.get("subject"), g.get("subject")) and end_ok(s.get("object"), g.get("object")):
            return 1.0
        if s["predicate"] == "met" and end_ok(s.get("object"), g.get("subject")) \
                and end_ok(s.get("subject"), g.get("object")):
            return 1.0
        return None

    rel_pairs = match(s_rel, g_rel, rel_score)
    T["relations"].add(s_rel, g_rel, rel_pairs)
    for pred in PREDICATES:
        si = [k for k, x in enumerate(s_rel) if x["predicate"] == pred]
        gi = [k for k, x in enumerate(g_rel) if x["predicate"] == pred]
        if si or gi:
            sub = [(si.index(i), gi.index(j)) for i, j in rel_pairs if i in si and j in gi]
            T["rel:" + pred].add([s_rel[k] for k in si], [g_rel[k] for k in gi], sub)
    note("relation", s_rel, g_rel, rel_pairs, lambda x: f"{x.get('subject')} {x.get('predicate')} {x.get('object')}")


def load_lines(source: str | Path | Iterable[dict], errors: list[str], side: str) -> dict[str, list[dict]]:
    """Facts lines grouped by article; malformed lines are reported in ``errors`` and skipped."""
    if isinstance(source, (str, Path)):
        with open(source, encoding="utf-8") as fh:
            raw: list[Any] = []
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        raw.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        errors.append(f"{side}:{n}: not JSON ({exc})")
    else:
        raw = list(source)
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for n, obj in enumerate(raw, 1):
        kind, doc = obj.get("kind"), obj.get("doc")
        if kind not in KINDS or not doc:
            errors.append(f"{side}:{n}: needs kind in actor/event/statement/relation and doc")
            continue
        if kind == "relation" and obj.get("predicate") not in PREDICATES:
            errors.append(f"{side}:{n}: predicate {obj.get('predicate')!r} is not in the closed set")
            continue
        if kind == "actor" and obj.get("type") not in ACTOR_TYPES:
            errors.append(f"{side}:{n}: actor type {obj.get('type')!r} is not Person/Organization/Country")
        by_doc[str(doc)].append(obj)
    return by_doc


def evaluate(gold: str | Path | Iterable[dict], system: str | Path | Iterable[dict],
             docs: Sequence[str] | None = None) -> Evaluation:
    """Score system facts against gold facts (files or iterables of line dicts)."""
    errors: list[str] = []
    g_by = load_lines(gold, errors, "gold")
    s_by = load_lines(system, errors, "system")
    articles = sorted(d for d in g_by if docs is None or d in docs)
    T: dict[str, Count] = defaultdict(Count)
    misses: dict[str, list[str]] = defaultdict(list)
    res: dict[str, dict] = {"actor": defaultdict(dict), "event": defaultdict(dict)}
    for doc in articles:
        _score_article(doc, s_by.get(doc, []), g_by[doc], T, misses, res)
    scores: dict[str, Any] = {}
    order = ["actors", "events", "event_dates", "statements", "attributed", "about", "relations"]
    order += sorted(k for k in T if k.startswith("rel:"))
    for k in order:
        if k in T:
            p, r, f = T[k].prf()
            scores[k] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "sys": T[k].sys, "gold": T[k].gold}
    for k in ("actor", "event"):
        shared = [ids for ids in res[k].values() if len(ids) >= 2]
        ok = sum(1 for ids in shared if None not in ids.values() and len(set(ids.values())) == 1)
        scores[f"resolution_{k}s"] = {"resolved": ok, "shared": len(shared),
                                      "rate": round(ok / len(shared), 4) if shared else None}
    scores["schema_errors"] = len([e for e in errors if e.startswith("system")])
    scores["docs"] = len(articles)
    scores["docs_without_output"] = [d for d in articles if d not in s_by]
    return Evaluation(scores=scores, misses={d: misses[d] for d in articles if misses[d]})


def format_report(ev: Evaluation, per_doc: bool = False) -> str:
    """The score table (and, with ``per_doc``, every miss and false positive)."""
    s = ev.scores
    lines = [f"{'':14} {'P':>6} {'R':>6} {'F1':>6}   {'system':>6} {'gold':>6}"]
    for k, v in s.items():
        if isinstance(v, dict) and "f1" in v:
            lines.append(f"{k:14} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f}   {v['sys']:6d} {v['gold']:6d}")
    for k in ("actors", "events"):
        v = s[f"resolution_{k}"]
        rate = "n/a" if v["rate"] is None else f"{v['rate']:.3f}"
        lines.append(f"resolution of {k}: {rate} ({v['resolved']}/{v['shared']} shared across articles)")
    if per_doc:
        for doc, ms in ev.misses.items():
            lines += ["", f"# {doc}", *ms]
    a, r = s.get("attributed", {}), s.get("relations", {})
    lines.append(f"headline: attributed-statements F1 {a.get('f1', 0):.3f}, relations F1 {r.get('f1', 0):.3f}, "
                 f"actors F1 {s.get('actors', {}).get('f1', 0):.3f}")
    return "\n".join(lines)
