"""Actors: gazetteer loading and validation, mention finding, resolution, tables, graph."""

from __future__ import annotations

import datetime as dt
import textwrap

import networkx as nx
import pytest

from newsframe.actors import (
    ACTOR_TABLE_COLUMNS,
    ActorMention,
    actor_info,
    actor_table,
    article_date,
    cooccurrence_graph,
    find_actors,
    load_gazetteer,
    record_fields,
)
from newsframe.errors import GazetteerError
from newsframe.ingest import Article
from newsframe.text import split_sentences

SEED_PEOPLE = {
    "Kim Jong Un", "Kim Yo Jong", "Kim Il Sung", "Vladimir Putin", "Dmitry Peskov", "Sergei Lavrov",
    "Sergei Shoigu", "Alexander Kozlov", "Denis Manturov", "Marat Khusnullin", "Alexei Overchuk",
    "Yuri Trutnev", "Vitaly Savelyev", "Choe Son Hui", "Kang Sun Nam", "Pak Jong Chon",
    "Rebekah Koffler", "Wi Sung-lac", "Hong Min",
}


def actors_of(text: str, **kw) -> list[tuple[str, str]]:
    return [(m.text, m.actor) for m in find_actors(Article.from_text(text, **kw))]


# ----------------------------------------------------------------- gazetteer

def test_shipped_gazetteer_covers_the_seed_people():
    g = load_gazetteer()
    for name in SEED_PEOPLE:
        entry = g.get(name)
        assert entry is not None and entry.type == "person", name
        assert entry.country in {"North Korea", "Russia", "United States", "South Korea"}
    for org in ("Defense Intelligence Agency", "Workers' Party of Korea", "Korea Institute for National Unification",
                "United Nations", "NATO"):
        assert g.get(org).type == "organization"
    for outlet in ("NPR", "TASS", "Fox News", "Hankook Ilbo", "Reuters", "Associated Press"):
        assert g.get(outlet).type == "media"
    assert g.get("TASS").state and not g.get("NPR").state


def test_roles_are_dated():
    g = load_gazetteer()
    shoigu = g.get("Sergei Shoigu")
    assert shoigu.role_on(dt.date(2023, 9, 13)).title == "Defense Minister of Russia"
    assert shoigu.role_on(dt.date(2024, 6, 1)).title.startswith("Secretary of the Security Council")
    assert g.get("Vladimir Putin").role_on(dt.date(2010, 1, 1)).title == "Prime Minister of Russia"


def write(tmp_path, body: str):
    path = tmp_path / "g.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


@pytest.mark.parametrize("body,needle", [
    ("countries: [\n", "not valid YAML"),
    ("- just a list\n", "must be a mapping"),
    ("people:\n  - aliases: [X]\n", "'name'"),
    ("people:\n  - name: Ann Bee\n    roles:\n      - title: Boss\n        valid_from: last year\n", "roles'[0].valid_from"),
    ("people:\n  - name: Ann Bee\n    colour: red\n", "colour"),
    ("countries:\n  - name: Elbonia\n  - name: Elbonia\n", "duplicates"),
    ("people:\n  - name: Ann Bee\n    country: Atlantis\n", "Atlantis"),
    ("people:\n  - name: Ann Bee\n    sector: wizardry\n", "sector"),
    ("people:\n  - name: Ann Bee\n    aliases: [1, 2]\n", "aliases"),
    ("planets:\n  - name: Mars\n", "planets"),
    ("people:\n  - name: Ann Bee\n    roles:\n      - title: Boss\n        valid_from: 2020-01-01\n        valid_to: 2019-01-01\n",
     "before"),
])
def test_malformed_gazetteer_names_file_entry_and_field(tmp_path, body, needle):
    path = write(tmp_path, body)
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(path)
    message = str(info.value)
    assert str(path) in message and needle in message


def test_malformed_gazetteer_names_the_entry(tmp_path):
    path = write(tmp_path, "people:\n  - name: Ann Bee\n    country: Atlantis\n")
    with pytest.raises(GazetteerError, match="Ann Bee"):
        load_gazetteer(path)


def test_missing_gazetteer_file(tmp_path):
    with pytest.raises(GazetteerError, match="not found"):
        load_gazetteer(tmp_path / "nope.yaml")


def test_custom_gazetteer(tmp_path):
    path = write(tmp_path, """
        countries:
          - name: Elbonia
            adjectives: [Elbonian]
            metonyms: [the Mud Palace]
        people:
          - name: Zora Vint
            country: Elbonia
            sector: government
            roles:
              - title: Queen of Elbonia
                from: 2001            # the short spelling of valid_from
                aliases: [Elbonian Queen]
        media:
          - name: Mud Times
            country: Elbonia
        """)
    art = Article.from_text("The Elbonian Queen spoke. Zora Vint told the Mud Times that the Mud Palace agreed. Vint left.")
    got = [(m.text, m.actor, m.type, m.form) for m in find_actors(art, gazetteer=path)]
    assert got == [
        ("Elbonian Queen", "Zora Vint", "person", "role"),
        ("Zora Vint", "Zora Vint", "person", "name"),
        ("Mud Times", "Mud Times", "media", "name"),
        ("Mud Palace", "Elbonia", "country", "metonym"),
        ("Vint", "Zora Vint", "person", "short"),
    ]
    # the shipped gazetteer knows none of them; Zora Vint is still found as a person
    # (she "told" someone), without a country
    shipped = find_actors(art)
    assert not [m for m in shipped if m.actor == "Elbonia" or m.form == "role"]
    assert {(m.actor, m.form, m.country) for m in shipped} == {("Zora Vint", "discovered", None), ("Zora Vint", "short", None)}


# ----------------------------------------------------------------- mentions: properties

def test_mentions_are_exact_sorted_and_sentence_indexed(seed_article):
    mentions = find_actors(seed_article)
    assert mentions and all(isinstance(m, ActorMention) for m in mentions)
    sentences = split_sentences(seed_article)
    for m in mentions:
        assert seed_article.text[m.start:m.end] == m.text
        assert m.type in ("country", "person", "organization", "media")
        s = sentences[m.sentence]
        assert s.start <= m.start < m.end <= s.end
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))


def test_bad_input():
    assert find_actors("") == []
    assert find_actors(Article.from_text("no names at all here.")) == []
    with pytest.raises(TypeError):
        find_actors(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        find_actors("Putin spoke.", gazetteer=3.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="valid"):
        cooccurrence_graph("Putin spoke.", types=("planet",))
    with pytest.raises(ValueError, match="min_weight"):
        cooccurrence_graph("Putin spoke.", min_weight=0)


# ----------------------------------------------------------------- mentions: the seed

def test_seed_people_found_and_resolved(seed_article):
    mentions = find_actors(seed_article)
    people = {m.actor for m in mentions if m.type == "person"}
    assert people == SEED_PEOPLE
    # every bare "Kim" is Kim Jong Un; his sister and grandfather stay themselves
    kims = [m for m in mentions if m.text in ("Kim", "Kim’s")]
    assert len(kims) >= 8 and {m.actor for m in kims} == {"Kim Jong Un"}
    by_text = {m.text: m for m in mentions}
    assert by_text["Kim Yo Jong"].actor == "Kim Yo Jong"
    assert by_text["Kim Il Sung"].actor == "Kim Il Sung"
    assert by_text["Choi Son Hee"].actor == "Choe Son Hui"
    assert by_text["Park Jong-cheon"].actor == "Pak Jong Chon"
    assert by_text["Russian defense minister"].actor == "Sergei Shoigu"
    assert by_text["Kremlin"].actor == "Russia" and by_text["Kremlin"].form == "metonym"
    assert by_text["Pyongyang"].actor == "North Korea"
    assert by_text["Seoul"].actor == "South Korea"
    assert by_text["Fox News Digital"].actor == "Fox News"
    assert by_text["Rossiya"].actor == "Russia"
    outlets = {m.actor for m in mentions if m.type == "media"}
    assert outlets == {"NPR", "TASS", "Fox News", "Hankook Ilbo"}
    orgs = {m.actor for m in mentions if m.type == "organization"}
    assert orgs == {"Defense Intelligence Agency", "Workers' Party of Korea", "Korea Institute for National Unification"}


def test_seed_date_from_metadata(seed_article):
    assert article_date(seed_article) == dt.date(2023, 9, 13)


# ----------------------------------------------------------------- resolution rules

@pytest.mark.parametrize("published,holder", [
    ("2023-07-26", "Sergei Shoigu"),
    ("2025-02-01", "Andrei Belousov"),
])
def test_role_phrase_resolves_by_date(published, holder):
    assert actors_of("The Russian defense minister visited.", published=published) == [
        ("Russian defense minister", holder)]


def test_role_phrase_before_a_name_is_a_title_not_a_mention():
    got = actors_of("Russian President Vladimir Putin arrived.", published="2010-01-01")
    assert got == [("Russian", "Russia"), ("Vladimir Putin", "Vladimir Putin")]
    assert actors_of("The Russian President arrived.", published="2010-01-01") == [
        ("Russian President", "Dmitry Medvedev")]


def test_short_form_prefers_who_the_article_names_in_full():
    text = "Kim Yo Jong issued a statement on Tuesday. Kim said the drills were a provocation."
    assert actors_of(text, published="2023-08-01")[-1] == ("Kim", "Kim Yo Jong")
    text = "Kim Il Sung founded the state. Decades later Kim Jong Un took over. Kim said so."
    assert actors_of(text)[-1] == ("Kim", "Kim Jong Un")


def test_short_form_without_full_name_uses_the_office_holder_on_the_date():
    assert actors_of("Kim said so.", published="2023-01-01") == [("Kim", "Kim Jong Un")]
    assert actors_of("Kim said so.", published="1990-01-01") == []  # nobody named Kim held office in the gazetteer


def test_family_name_inside_another_name_is_not_a_short_form():
    got = actors_of("Lawyer Rosa Kim said the case was closed. Helen Park, a teacher, agreed.", published="2023-01-01")
    assert ("Kim", "Kim Jong Un") not in got and ("Park", "Pak Jong Chon") not in got
    assert ("Rosa Kim", "Rosa Kim") in got and ("Helen Park", "Helen Park") in got


def test_discovered_people_and_their_short_forms():
    text = "Jane Roe, a teacher, spoke first. Then Dr. Omar Haddad answered. Roe replied and Haddad left."
    got = [(m.text, m.actor, m.form) for m in find_actors(Article.from_text(text))]
    assert got == [
        ("Jane Roe", "Jane Roe", "discovered"),
        ("Omar Haddad", "Omar Haddad", "discovered"),
        ("Roe", "Jane Roe", "short"),
        ("Haddad", "Omar Haddad", "short"),
    ]


def test_spelling_variants_and_possessives():
    got = actors_of("Kim Jong-un met KIM. Russia’s army and the Russians. Pro-Russian forces.")
    assert got == [("Kim Jong-un", "Kim Jong Un"), ("Russia", "Russia"), ("Russians", "Russia"), ("Russian", "Russia")]


def test_not_after_words_block_other_places():
    got = actors_of("Latin America and South American leaders met American officials.")
    assert got == [("American", "United States")]


def test_acronyms_need_case_and_context():
    assert actors_of("Tell us more about it.") == []
    assert actors_of("HELP US NOW, THEY SAID.") == []
    assert actors_of("The US and the UN met.") == [("US", "United States"), ("UN", "United Nations")]


# ----------------------------------------------------------------- tables and graph

def test_actor_table(seed_article):
    t = actor_table(seed_article)
    assert list(t.columns) == list(ACTOR_TABLE_COLUMNS)
    assert t["mentions"].sum() == len(find_actors(seed_article))
    assert (t["sentences"] <= t["mentions"]).all() and (t["sentences"] >= 1).all()
    keys = list(zip(-t["mentions"], t["actor"]))
    assert keys == sorted(keys)
    assert t.iloc[0]["actor"] == "Russia"
    kim = t.set_index("actor").loc["Kim Jong Un"]
    assert kim["mentions"] >= 9 and "Kim" in kim["surface_forms"]


def test_cooccurrence_graph(seed_article):
    g = cooccurrence_graph(seed_article)
    assert isinstance(g, nx.Graph)
    assert list(g.nodes) == sorted(g.nodes)
    assert g["Kim Jong Un"]["Vladimir Putin"]["weight"] >= 3
    assert all(d["weight"] >= 1 for _, _, d in g.edges(data=True))
    people = cooccurrence_graph(seed_article, types=("person",), min_weight=2)
    assert all(d["type"] == "person" for _, d in people.nodes(data=True))
    assert all(d["weight"] >= 2 for _, _, d in people.edges(data=True))
    # weight counts sentences, not mention pairs
    g2 = cooccurrence_graph("Putin, Putin and Putin met Kim Jong Un.")
    assert g2["Vladimir Putin"]["Kim Jong Un"]["weight"] == 1


def test_actor_info_source_types():
    d = dt.date(2023, 9, 13)
    assert actor_info("Vladimir Putin", date=d).source_type == "Russian government"
    assert actor_info("Rebekah Koffler", date=d).source_type == "U.S. analyst"
    assert actor_info("Wi Sung-lac", date=d).source_type == "South Korean analyst"
    assert actor_info("Wi Sung-lac", date=dt.date(2024, 6, 1)).sector == "politics"
    assert actor_info("TASS").source_type == "Russian state media"
    assert actor_info("United Nations").source_type == "international government"
    assert actor_info("Ann Bee", description="a former Japanese minister").source_type == "Japanese analyst"
    assert actor_info("Ann Bee").source_type == "unknown"


def test_record_fields(seed_article):
    per_sentence, per_article = record_fields(seed_article, [])
    assert per_sentence == {}
    rows = per_article["actors"]
    assert set(rows[0]) == {"actor", "type", "country", "mentions"}
    assert rows[0]["actor"] == "Russia"
    counts = [(-r["mentions"], r["actor"]) for r in rows]
    assert counts == sorted(counts)


def test_network_layout_does_not_depend_on_rounding_in_its_start(seed_article):
    # networkx's Kamada-Kawai solver stops early, so its positions move by ~1e-4 with rounding
    # differences in the start (another CPU): the settled layout must not move at all
    import numpy as np

    from newsframe.plotting.voices import _distance_graph, _settled_layout

    g = cooccurrence_graph(seed_article)
    dist = _distance_graph(g)
    start = nx.kamada_kawai_layout(dist, weight="weight")
    rng = np.random.default_rng(0)
    nudged = {n: np.asarray(p) + rng.normal(0.0, 1e-4, 2) for n, p in start.items()}
    turned = {n: np.array([-p[1], p[0]]) for n, p in start.items()}  # the same layout, turned 90 degrees
    a, b, c = (_settled_layout(dist, s) for s in (start, nudged, turned))
    assert sorted(a) == sorted(g.nodes)
    assert all(np.array_equal(a[n], b[n]) and np.array_equal(a[n], c[n]) for n in a)
    assert max(float(np.abs(p).max()) for p in a.values()) == 1.0


def test_network_plot_is_deterministic(seed_article):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from newsframe.plotting.voices import plot_cooccurrence_network

    g = cooccurrence_graph(seed_article)
    positions = []
    for _ in range(2):
        ax = plot_cooccurrence_network(g)
        positions.append([t.get_position() for t in ax.texts])
        plt.close(ax.figure)
    assert positions[0] == positions[1] and len(positions[0]) == g.number_of_nodes()
    with pytest.raises(TypeError):
        plot_cooccurrence_network({"a": 1})
    with pytest.raises(ValueError, match="no nodes"):
        plot_cooccurrence_network(nx.Graph())
    with pytest.raises(ValueError, match="layout"):
        plot_cooccurrence_network(g, layout="circle")  # type: ignore[arg-type]


def test_whole_words_finds_what_the_family_name_regex_found():
    # _whole_words replaced a regex compiled per article; it must find the same spans
    import random
    import re

    from newsframe.actors import _whole_words

    rng = random.Random(7)
    pieces = ["Lee", "Leeds", "Kim", "Kimura", "O'Neil", "Ng", " ", " ", ", ", "-", "'", "\u2019", "_", "é",
              "3", ".", "\n", "Park", "Lee-Park"]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        words = rng.sample(["Lee", "Leeds", "Kim", "Kimura", "O'Neil", "Ng", "Park", "Lee-Park"], rng.randint(1, 4))
        pattern = (r"(?<![\w\u2019'-])(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                   + r")(?![\w-])")
        assert _whole_words(text, words) == [m.span(1) for m in re.finditer(pattern, text)], (text, words)
