"""Tests of the actor gazetteer: its data (ids, sizes, references) and its loader.

The pinned Wikidata ids guard against the worst gazetteer bug: a wrong QID
silently merges two actors in this graph and in every federated query.
"""

from __future__ import annotations

import csv
import os
import re
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from kg import gazetteer as gz
from kg.gazetteer import DEFAULT_GAZETTEER, GazEntry, Gazetteer, GazetteerError, Office, load_gazetteer

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "ontology" / "sources"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _tsv(name: str) -> list[dict[str, str]]:
    with (SOURCES / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


# --------------------------------------------------------------------------- pinned ids

PINNED = {
    # countries
    "China": "Q148", "Russia": "Q159", "United States": "Q30", "North Korea": "Q423",
    "South Korea": "Q884", "United Kingdom": "Q145", "France": "Q142", "Germany": "Q183",
    "India": "Q668", "Japan": "Q17", "Ukraine": "Q212", "Israel": "Q801", "Iran": "Q794",
    "Turkey": "Q43", "Taiwan": "Q865", "Palestine": "Q219060", "Kosovo": "Q1246",
    "Syria": "Q858", "Venezuela": "Q717", "Saudi Arabia": "Q851", "Brazil": "Q155",
    "Canada": "Q16", "Italy": "Q38", "Poland": "Q36", "Egypt": "Q79", "Pakistan": "Q843",
    "Belarus": "Q184", "Hungary": "Q28", "Mali": "Q912", "Niger": "Q1032", "Nigeria": "Q1033",
    "Burkina Faso": "Q965", "Vietnam": "Q881", "Ivory Coast": "Q1008",
    # organisations
    "United Nations": "Q1065", "UN Security Council": "Q37470", "UN General Assembly": "Q47423",
    "NATO": "Q7184", "European Union": "Q458", "European Commission": "Q8880",
    "European Parliament": "Q8889", "European Council": "Q8886",
    "Council of the European Union": "Q8896", "World Health Organization": "Q7817",
    "IMF": "Q7804", "World Bank": "Q7164", "WTO": "Q7825", "ASEAN": "Q7768",
    "African Union": "Q7159", "International Criminal Court": "Q47488",
    "International Court of Justice": "Q7801", "OPEC": "Q7795", "Reuters": "Q130879",
    "Associated Press": "Q40469", "AFP": "Q40464", "BBC": "Q9531", "State Department": "Q789915",
    "Pentagon": "Q11209",
    # people
    "Donald Trump": "Q22686", "Vladimir Putin": "Q7747", "Xi Jinping": "Q15031",
    "Kim Jong Un": "Q56226", "Joe Biden": "Q6279", "Barack Obama": "Q76",
    "Emmanuel Macron": "Q3052772", "Angela Merkel": "Q567", "Olaf Scholz": "Q61053",
    "Narendra Modi": "Q1058", "Volodymyr Zelenskyy": "Q3874799", "Benjamin Netanyahu": "Q43723",
    "Recep Tayyip Erdoğan": "Q39259", "Marco Rubio": "Q324546", "Mark Rutte": "Q57792",
    "Ursula von der Leyen": "Q60772", "António Guterres": "Q311440", "Donald Tusk": "Q946",
}


@pytest.mark.parametrize(("name", "qid"), sorted(PINNED.items()))
def test_pinned_qids(gaz: Gazetteer, name: str, qid: str) -> None:
    entry = gaz.lookup(name)
    assert entry is not None, name
    assert entry.label == name
    assert entry.qid == qid
    assert entry.key == qid
    assert gaz.get(qid) is entry


def test_at_least_forty_pins() -> None:
    assert len(PINNED) >= 40


# --------------------------------------------------------------------------- data integrity


def test_sizes(gaz: Gazetteer) -> None:
    counts = Counter(e.type for e in gaz.entries.values())
    assert counts["Country"] >= 193
    assert counts["Person"] >= 300
    assert counts["Organization"] >= 80


def test_every_un_member_is_a_state(gaz: Gazetteer) -> None:
    members = [r for r in _tsv("states.tsv") if r["status"] == "member"]
    assert len(members) == 193
    for r in members:
        key = r["qid"] or r["id"]
        assert gaz.get(key) is not None and gaz.get(key).type == "Country", r["short_name"]


def test_every_office_points_at_a_known_state_or_organisation(gaz: Gazetteer) -> None:
    people = [e for e in gaz.entries.values() if e.type == "Person"]
    assert people
    for person in people:
        assert person.offices, person.label
        for office in person.offices:
            target = gaz.get(office.of)
            assert target is not None, (person.label, office)
            assert target.type in {"Country", "Organization"}, (person.label, office)
            assert office.role


def test_organisation_countries_are_countries(gaz: Gazetteer) -> None:
    for e in gaz.entries.values():
        if e.type == "Organization" and e.country:
            assert gaz.get(e.country).type == "Country", e.label


def test_kinds(gaz: Gazetteer) -> None:
    allowed = {"igo", "un_body", "eu_institution", "state_institution", "ministry", "armed_force",
               "party", "armed_group", "media", "platform", "ngo", "company"}
    for e in gaz.entries.values():
        if e.type == "Organization":
            assert e.kind in allowed, e.label
        elif e.type == "Country":
            assert e.kind == "state"
        else:
            assert e.kind is None


def test_qids_are_wellformed_and_unique(gaz: Gazetteer) -> None:
    qids = [e.qid for e in gaz.entries.values() if e.qid]
    assert all(re.fullmatch(r"Q\d+", q) for q in qids)
    dupes = [q for q, n in Counter(qids).items() if n > 1]
    assert not dupes
    for e in gaz.entries.values():
        assert e.key == (e.qid or e.key)
        if not e.qid:
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", e.key), e.key


def test_source_tables_have_unique_ids_and_qids() -> None:
    ids: list[str] = []
    qids: list[str] = []
    for name in ("states.tsv", "organizations.tsv", "people.tsv"):
        for row in _tsv(name):
            ids.append(row["id"])
            if row["qid"]:
                qids.append(row["qid"])
    assert not [i for i, n in Counter(ids).items() if n > 1]
    assert not [q for q, n in Counter(qids).items() if n > 1]


def test_demonyms_and_capitals_belong_to_one_state(gaz: Gazetteer) -> None:
    demonyms: Counter[str] = Counter()
    capitals: Counter[str] = Counter()
    for e in gaz.entries.values():
        if e.type == "Country":
            demonyms.update({gz.normalize(d) for d in e.demonyms})
            if e.capital:
                capitals[gz.normalize(e.capital)] += 1
    assert not [d for d, n in demonyms.items() if n > 1]
    assert not [c for c, n in capitals.items() if n > 1]


def test_people_have_gender(gaz: Gazetteer) -> None:
    for e in gaz.entries.values():
        if e.type == "Person":
            assert e.gender in {"male", "female"}, e.label


# --------------------------------------------------------------------------- look-ups


def test_lookup_through_aliases_and_normal_forms(gaz: Gazetteer) -> None:
    kim = gaz.lookup("Kim Jong-un")
    assert kim is not None and kim is gaz.lookup("kim jong un") is gaz.lookup("KIM JONG UN")
    us = gaz.get("Q30")
    for surface in ("U.S.", "US", "the U.S.", "USA", "United States of America", "America", "U.S"):
        assert gaz.lookup(surface) is us, surface
    assert gaz.lookup("Erdogan") is None  # bare surnames are not names
    assert gaz.lookup("Recep Tayyip Erdogan") is gaz.get("Q39259")
    assert gaz.lookup("China’s") is gaz.get("Q148")  # curly possessive
    assert gaz.lookup("Britain") is gaz.get("Q145")
    assert gaz.lookup("DPRK") is gaz.get("Q423")
    assert gaz.lookup("Türkiye") is gaz.lookup("Turkey") is gaz.get("Q43")
    assert gaz.lookup("Côte d'Ivoire") is gaz.lookup("Ivory Coast")
    assert gaz.lookup("Ansar Allah") is gaz.lookup("Houthis")
    assert gaz.lookup("Chinese foreign ministry") is gaz.lookup("China's Foreign Ministry") is gaz.get("china-mfa")
    assert gaz.lookup("Russian Defence Ministry") is gaz.lookup("Russian defense ministry") is gaz.get("russia-mod")
    assert gaz.lookup("no such actor anywhere") is None


def test_capitals_and_demonyms_are_not_names(gaz: Gazetteer) -> None:
    assert gaz.lookup("Beijing") is None
    assert gaz.by_capital("Beijing") is gaz.get("Q148")
    assert gaz.by_capital("Kyiv") is gaz.get("Q212")
    assert gaz.lookup("Chinese") is None
    assert gaz.by_demonym("Chinese") is gaz.get("Q148")
    assert gaz.by_demonym("North Korean") is gaz.get("Q423")
    assert gaz.by_demonym("Burkinabè") is gaz.by_demonym("Burkinabe") is gaz.get("Q965")
    assert gaz.by_demonym("Russians") is gaz.get("Q159")
    assert gaz.by_capital("Atlantis") is None and gaz.by_demonym("Martian") is None


def test_lookup_all_lists_candidates(gaz: Gazetteer) -> None:
    hits = gaz.lookup_all("PTI")
    assert {e.key for e in hits} >= {"pti", "pti-agency"}
    assert gaz.lookup("PTI") is hits[0]


def test_institutions_carry_their_country(gaz: Gazetteer) -> None:
    kremlin = gaz.lookup("the Kremlin")
    assert kremlin.key == "kremlin" and kremlin.kind == "state_institution" and kremlin.country == "Q159"
    assert gaz.lookup("State Department").country == "Q30"
    assert gaz.lookup("Xinhua").kind == "media" and gaz.lookup("Xinhua").country == "Q148"
    assert gaz.lookup("NATO").country is None


def test_current_offices(gaz: Gazetteer) -> None:
    trump = gaz.get("Q22686")
    assert [o.start for o in gaz.current_offices(trump.key)] == ["2025-01-20"]
    assert gaz.current_offices(trump.key, "2019-06-01") == (Office("President", "Q30", "2017-01-20", "2021-01-20"),)
    assert gaz.current_offices(trump.key, "2022-06-01") == ()
    assert gaz.current_offices(trump.key, "2025-01-20T12:00:00") == gaz.current_offices(trump.key)
    biden = gaz.get("Q6279")
    assert gaz.current_offices(biden.key, "2021-01-20")[0].start == "2021-01-20"  # end is exclusive
    assert gaz.current_offices("no-such-key") == ()
    # spokespeople speak for the ministry, which belongs to the state
    guo = gaz.lookup("Guo Jiakun")
    assert [o.of for o in gaz.current_offices(guo.key)] == ["china-mfa"]
    assert guo.country == "Q148"
    assert any(o.of == "kremlin" for o in gaz.current_offices(gaz.lookup("Dmitry Peskov").key))


def test_office_holders_late_2025(gaz: Gazetteer) -> None:
    def holder(role: str, of: str, on: str = "2025-11-15") -> set[str]:
        return {e.label for e in gaz.entries.values() if e.type == "Person"
                for o in gaz.current_offices(e.key, on) if o.role == role and o.of == of}

    assert holder("Chancellor", "Q183") == {"Friedrich Merz"}
    assert holder("Prime Minister", "Q16") == {"Mark Carney"}
    assert holder("Secretary General", "Q7184") == {"Mark Rutte"}
    assert holder("President", "Q884") == {"Lee Jae-myung"}
    assert holder("High Representative for Foreign Affairs and Security Policy", "Q458") == {"Kaja Kallas"}
    assert holder("Foreign Ministry Spokesperson", "china-mfa") == {"Guo Jiakun", "Lin Jian", "Mao Ning"}
    assert holder("Foreign Ministry Spokesperson", "russia-mfa") == {"Maria Zakharova"}
    assert holder("President", "Q30", "2024-06-01") == {"Joe Biden"}


def test_persons_by_surname(gaz: Gazetteer) -> None:
    idx = gaz.persons_by_surname()
    assert [e.label for e in idx["xi"]] == ["Xi Jinping"]
    assert "Kim Jong Un" in {e.label for e in idx["kim"]}  # family name first
    assert [e.key for e in idx["erdogan"]] == ["Q39259"]
    assert [e.key for e in idx["von der leyen"]] == ["Q60772"]
    assert [e.label for e in idx["pashinyan"]] == ["Nikol Pashinyan"]
    assert [e.label for e in idx["sharaa"]] == ["Ahmed al-Sharaa"]
    assert all(e.type == "Person" for entries in idx.values() for e in entries)
    assert "un" not in idx and "jong" not in idx


# --------------------------------------------------------------------------- user files, cache


USER_TTL = """\
@prefix geo:  <https://w3id.org/kg-geo/ontology#> .
@prefix gaz:  <https://w3id.org/kg-geo/gazetteer/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

gaz:jane-roe a geo:Person ;
    skos:prefLabel "Jane Roe"@en ;
    skos:altLabel "J. Roe"@en ;
    geo:gender "female" ;
    geo:holds [ a geo:OfficeTerm ; geo:role "Mayor" ; geo:officeOf gaz:Q183 ;
                geo:start "2024-01-01"^^xsd:date ] .

gaz:kremlin a geo:Organization ;
    skos:prefLabel "The Kremlin Administration"@en ;
    geo:acronym "KA" ;
    geo:orgKind "state_institution" ;
    geo:country gaz:Q159 .
"""


def test_user_file_adds_and_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    user = tmp_path / "mine.ttl"
    user.write_text(USER_TTL, encoding="utf-8")
    base = load_gazetteer()
    mine = load_gazetteer([user])
    assert mine is load_gazetteer([str(user)])  # cached per set of paths
    jane = mine.lookup("jane roe")
    assert jane is not None and jane.type == "Person" and jane.country == "Q183"
    assert mine.lookup("J. Roe") is jane and base.lookup("Jane Roe") is None
    assert mine.persons_by_surname()["roe"] == [jane]
    kremlin = mine.get("kremlin")
    assert kremlin.label == "The Kremlin Administration" and kremlin.aliases == ("KA",)
    assert mine.lookup("Moscow Kremlin") is None  # the override replaced the whole entry
    assert base.get("kremlin").label == "Kremlin"
    assert len(mine) == len(base) + 1


def test_missing_or_broken_user_file(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError):
        load_gazetteer([tmp_path / "absent.ttl"])
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle ;;;", encoding="utf-8")
    with pytest.raises(GazetteerError):
        load_gazetteer([bad])


def test_disk_cache_is_used_and_unwritable_cache_is_harmless(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("KG_CACHE_DIR", str(cache))
    fresh = gz._read_file(DEFAULT_GAZETTEER)
    files = list(cache.glob("gazetteer-*.json"))
    assert len(files) == 1
    assert gz._read_file(DEFAULT_GAZETTEER) == fresh
    files[0].write_text("{not json", encoding="utf-8")  # a corrupt cache is re-made
    assert gz._read_file(DEFAULT_GAZETTEER) == fresh

    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    monkeypatch.setenv("KG_CACHE_DIR", str(locked / "sub"))
    try:
        assert gz._read_file(DEFAULT_GAZETTEER) == fresh
    finally:
        locked.chmod(stat.S_IRWXU)
    monkeypatch.setenv("KG_CACHE_DIR", "/dev/null/not-a-dir")
    assert gz._read_file(DEFAULT_GAZETTEER) == fresh


def test_entries_are_frozen(gaz: Gazetteer) -> None:
    e = gaz.get("Q148")
    assert isinstance(e, GazEntry)
    with pytest.raises(AttributeError):
        e.label = "x"  # type: ignore[misc]
    assert hash(gaz)  # the pipeline memoises on the instance


def test_loader_does_not_import_spacy() -> None:
    code = "import sys, kg.gazetteer; kg.gazetteer.load_gazetteer(); print('spacy' in sys.modules)"
    env = {**os.environ, "KG_CACHE_DIR": os.environ.get("KG_CACHE_DIR", "")}
    env.pop("KG_CACHE_DIR") if not env["KG_CACHE_DIR"] else None
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT, env=env)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- generator


def test_generated_file_is_up_to_date(tmp_path: Path) -> None:
    pytest.importorskip("pycountry")
    out = tmp_path / "actors.ttl"
    subprocess.run([sys.executable, str(ROOT / "ontology" / "tools" / "build_gazetteer.py"), "--out", str(out)],
                   check=True, capture_output=True)
    assert out.read_text(encoding="utf-8") == DEFAULT_GAZETTEER.read_text(encoding="utf-8"), (
        "ontology/actors.ttl is stale: run ontology/tools/build_gazetteer.py")


def test_turtle_header_and_contract() -> None:
    text = DEFAULT_GAZETTEER.read_text(encoding="utf-8")
    assert text.startswith("# GENERATED FILE")
    assert "@prefix geo:  <https://w3id.org/kg-geo/ontology#> ." in text
    assert "@prefix gaz:  <https://w3id.org/kg-geo/gazetteer/> ." in text
    assert "gaz:Q148 a geo:Country ;" in text
    assert "gaz:kremlin a geo:Organization ;" in text
