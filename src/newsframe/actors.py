"""Who and what an article talks about: gazetteer matching, short forms, co-occurrence.

A *gazetteer* (``resources/gazetteer.yaml``, editable; pass your own) lists countries
(with adjectives, demonyms and metonyms such as "the Kremlin" or "Pyongyang"), people
(with dated roles), organizations and media outlets. :func:`find_actors` finds every
mention in an article with character offsets, using one regular expression compiled
once per gazetteer (a trie of all aliases, so matching costs about the same for ten or
ten thousand names). Bare family names ("Kim", "Putin") and role phrases ("the Russian
defense minister") are resolved per article:

- a short form refers to a person the article names in full ("Kim" is Kim Jong Un in an
  article that introduces him; Kim Yo Jong and Kim Il Sung stay themselves), preferring
  the person whose gazetteer entry lists the short form, then the first named in full;
  if nobody of that name is named in full, to the gazetteer person holding an office on
  the article's date;
- a role phrase refers to whoever held the role on the article's date (``published``,
  else the ``event_date``/``date`` of its metadata; unknown date: the current holder);
- people who are not in the gazetteer but are introduced with a title ("Dr. Jane
  Roe"), an apposition ("Jane Roe, a teacher, …") or a speech verb ("Jane Roe said")
  are found too (``form="discovered"``), and their family names resolve to them.

Examples
--------
>>> from newsframe.ingest import Article
>>> art = Article.from_text("Russian President Vladimir Putin met Kim Jong Un. Kim said the Kremlin agreed.")
>>> [(m.text, m.actor, m.type) for m in find_actors(art)]  # doctest: +NORMALIZE_WHITESPACE
[('Russian', 'Russia', 'country'), ('Vladimir Putin', 'Vladimir Putin', 'person'),
 ('Kim Jong Un', 'Kim Jong Un', 'person'), ('Kim', 'Kim Jong Un', 'person'),
 ('Kremlin', 'Russia', 'country')]
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Literal, Sequence

from newsframe.errors import GazetteerError
from newsframe.paths import resource_path
from newsframe.text import split_sentences, stopwords

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

    from newsframe.ingest import Article

__all__ = [
    "ActorType",
    "ACTOR_TYPES",
    "ACTOR_TABLE_COLUMNS",
    "Role",
    "Actor",
    "Gazetteer",
    "ActorMention",
    "ActorInfo",
    "load_gazetteer",
    "article_date",
    "find_actors",
    "actor_info",
    "actor_table",
    "cooccurrence_graph",
    "record_fields",
]

ActorType = Literal["country", "person", "organization", "media"]
#: The four kinds of actor, in the gazetteer's section order.
ACTOR_TYPES: tuple[str, ...] = ("country", "person", "organization", "media")
_SECTIONS = {"countries": "country", "people": "person", "organizations": "organization", "media": "media"}

#: Columns of :func:`actor_table`, in order.
ACTOR_TABLE_COLUMNS: tuple[str, ...] = (
    "article_id", "actor", "type", "country", "sector", "mentions", "sentences", "first_start", "surface_forms",
)


# --------------------------------------------------------------------------- data types

@dataclass(frozen=True, slots=True)
class Role:
    """One dated office of a person: valid on ``start <= date < end`` (open when None)."""

    title: str
    start: _dt.date | None = None
    end: _dt.date | None = None
    sector: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    approximate: bool = False

    def valid_on(self, date: _dt.date | None) -> bool:
        """True if the role was held on ``date`` (``None``: held now, i.e. open-ended)."""
        if date is None:
            return self.end is None
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    """One gazetteer entry."""

    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    family: str | None = None
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    state: bool = False
    description: str | None = None
    start: _dt.date | None = None
    end: _dt.date | None = None
    not_after: tuple[str, ...] = ()

    def role_on(self, date: _dt.date | None) -> Role | None:
        """The first role held on ``date`` (see :meth:`Role.valid_on`), if any."""
        for role in self.roles:
            if role.valid_on(date):
                return role
        return None


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One mention of an actor; ``article.text[start:end] == text``.

    ``form`` says how it was found: ``name`` (the canonical name), ``alias``,
    ``short`` (a bare family name resolved in context), ``adjective``, ``demonym``,
    ``metonym``, ``role`` (a role phrase resolved by date) or ``discovered`` (a person
    not in the gazetteer). ``sentence`` indexes ``split_sentences(article)``.
    """

    actor: str
    start: int
    end: int
    text: str
    type: str
    country: str | None
    sentence: int
    form: str = "name"


@dataclass(frozen=True, slots=True)
class ActorInfo:
    """What the gazetteer says about an actor on a date (see :func:`actor_info`)."""

    actor: str
    type: str | None
    country: str | None
    sector: str | None
    role: str | None
    source_type: str


@dataclass(frozen=True)
class Gazetteer:
    """A loaded gazetteer: entries plus the compiled matcher (build with :func:`load_gazetteer`)."""

    path: str
    version: str
    actors: tuple[Actor, ...]
    titles: tuple[str, ...]
    sectors: tuple[tuple[str, tuple[str, ...]], ...]
    _by_name: dict[str, Actor] = field(repr=False, compare=False, default_factory=dict)
    _table: dict[str, tuple[tuple[int, str, int], ...]] = field(repr=False, compare=False, default_factory=dict)
    _regex: Any = field(repr=False, compare=False, default=None)
    _country_regex: Any = field(repr=False, compare=False, default=None)
    _titles: frozenset = field(repr=False, compare=False, default=frozenset())
    _titles_lower: frozenset = field(repr=False, compare=False, default=frozenset())
    _sector_regex: Any = field(repr=False, compare=False, default=None)

    def __hash__(self) -> int:
        return hash((self.path, self.version, len(self.actors)))

    def get(self, name: str) -> Actor | None:
        """The entry with canonical name ``name`` (or None)."""
        return self._by_name.get(name)

    def adjective(self, country: str | None) -> str | None:
        """Display adjective of a country ("Russian"; the first listed), else its name."""
        entry = self._by_name.get(country or "")
        if entry is None:
            return country
        return entry.adjectives[0] if entry.adjectives else entry.name


# --------------------------------------------------------------------------- loading

_DATE = re.compile(r"^~?(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def _parse_date(value: Any, where: str, *, end: bool = False) -> tuple[_dt.date | None, bool]:
    if value is None:
        return None, False
    if isinstance(value, _dt.datetime):
        return value.date(), False
    if isinstance(value, _dt.date):
        return value, False
    text = str(value).strip()
    m = _DATE.match(text)
    if not m:
        raise GazetteerError(f"{where}: {value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD, '~' for approximate)")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            d = _dt.date(year, int(month), int(day))
        elif month:
            d = _dt.date(year, int(month), 1)
        else:
            d = _dt.date(year, 1, 1)
    except ValueError as exc:
        raise GazetteerError(f"{where}: {value!r} is not a valid date ({exc})") from None
    return d, text.startswith("~") or not day


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GazetteerError(f"{where}: must be a list of non-empty strings, got {value!r}")
    return tuple(v.strip() for v in value)


def _opt_str(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise GazetteerError(f"{where}: must be a non-empty string or null, got {value!r}")
    return value.strip()


_DATE_FIELDS = {"valid_from", "valid_to", "from", "to"}  # "from"/"to" are accepted as short spellings
_ENTRY_FIELDS = {
    "country": {"name", "aliases", "adjectives", "demonyms", "metonyms", "not_after", "description"} | _DATE_FIELDS,
    "person": {"name", "aliases", "short", "family", "country", "sector", "roles", "description"} | _DATE_FIELDS,
    "organization": {"name", "aliases", "short", "country", "sector", "description"} | _DATE_FIELDS,
    "media": {"name", "aliases", "short", "country", "state", "sector", "description"} | _DATE_FIELDS,
}
_ROLE_FIELDS = {"title", "sector", "country", "aliases"} | _DATE_FIELDS


def _date_field(raw: dict, key: str) -> tuple[str, Any]:
    """(field name used, value) of ``valid_from``/``from`` or ``valid_to``/``to``."""
    long = f"valid_{key}"
    if long in raw:
        return long, raw[long]
    return key, raw.get(key)


def _build_actor(raw: Any, kind: str, where: str, sectors: set[str]) -> Actor:
    if not isinstance(raw, dict):
        raise GazetteerError(f"{where}: each entry must be a mapping with at least 'name', got {raw!r}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise GazetteerError(f"{where}: field 'name' is missing or empty")
    where = f"{where} ({name!r})"
    unknown = sorted(set(raw) - _ENTRY_FIELDS[kind])
    if unknown:
        raise GazetteerError(f"{where}: unknown field(s) {unknown}; valid for {kind}: {sorted(_ENTRY_FIELDS[kind])}")
    sector = _opt_str(raw.get("sector"), f"{where}: field 'sector'")
    if kind == "media" and sector is None:
        sector = "media"
    if sector is not None and sector not in sectors:
        raise GazetteerError(f"{where}: field 'sector': {sector!r} is not one of {sorted(sectors)}")
    roles = []
    raw_roles = raw.get("roles") or []
    if not isinstance(raw_roles, list):
        raise GazetteerError(f"{where}: field 'roles' must be a list of mappings")
    for j, r in enumerate(raw_roles):
        rw = f"{where}: field 'roles'[{j}]"
        if not isinstance(r, dict) or not isinstance(r.get("title"), str):
            raise GazetteerError(f"{rw}: each role needs a 'title' string")
        bad = sorted(set(r) - _ROLE_FIELDS)
        if bad:
            raise GazetteerError(f"{rw}: unknown field(s) {bad}; valid: {sorted(_ROLE_FIELDS)}")
        fkey, fval = _date_field(r, "from")
        tkey, tval = _date_field(r, "to")
        start, a1 = _parse_date(fval, f"{rw}.{fkey}")
        end, a2 = _parse_date(tval, f"{rw}.{tkey}", end=True)
        if start and end and end < start:
            raise GazetteerError(f"{rw}: '{tkey}' ({end}) is before '{fkey}' ({start})")
        rsector = _opt_str(r.get("sector"), f"{rw}.sector")
        if rsector is not None and rsector not in sectors:
            raise GazetteerError(f"{rw}.sector: {rsector!r} is not one of {sorted(sectors)}")
        roles.append(
            Role(
                title=r["title"].strip(), start=start, end=end, sector=rsector,
                country=_opt_str(r.get("country"), f"{rw}.country") if "country" in r else raw.get("country"),
                aliases=_str_list(r.get("aliases"), f"{rw}.aliases"),
                approximate=a1 or a2,
            )
        )
    fkey, fval = _date_field(raw, "from")
    tkey, tval = _date_field(raw, "to")
    start, _ = _parse_date(fval, f"{where}: field '{fkey}'")
    end, _ = _parse_date(tval, f"{where}: field '{tkey}'")
    short = raw.get("short")
    state = raw.get("state", False)
    if not isinstance(state, bool):
        raise GazetteerError(f"{where}: field 'state' must be true or false, got {state!r}")
    name = name.strip()
    if kind == "person":
        short_t = _str_list(short, f"{where}: field 'short'") if short is not None else (name.split()[-1],)
    else:
        short_t = _str_list(short, f"{where}: field 'short'")
    family = _opt_str(raw.get("family"), f"{where}: field 'family'")
    if kind == "person" and family is None:
        family = short_t[0] if short_t else name.split()[-1]
    return Actor(
        name=name,
        type=kind,
        country=_opt_str(raw.get("country"), f"{where}: field 'country'") if kind != "country" else name,
        sector=sector if kind != "country" else None,
        aliases=_str_list(raw.get("aliases"), f"{where}: field 'aliases'"),
        short=short_t,
        family=family,
        adjectives=_str_list(raw.get("adjectives"), f"{where}: field 'adjectives'"),
        demonyms=_str_list(raw.get("demonyms"), f"{where}: field 'demonyms'"),
        metonyms=_str_list(raw.get("metonyms"), f"{where}: field 'metonyms'"),
        roles=tuple(roles),
        state=state,
        description=_opt_str(raw.get("description"), f"{where}: field 'description'"),
        start=start,
        end=end,
        not_after=_str_list(raw.get("not_after"), f"{where}: field 'not_after'"),
    )


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Load and compile a gazetteer YAML file (default: the one shipped with newsframe).

    Parameters
    ----------
    path : path, optional
        A YAML file with the layout of ``resources/gazetteer.yaml`` (see the comments
        at its top). Loaded once per path and modification time (the shipped file
        once per process).

    Returns
    -------
    Gazetteer

    Raises
    ------
    GazetteerError
        If the file is missing, is not YAML, or an entry is malformed; the message
        names the file, the entry and the field.

    Examples
    --------
    >>> g = load_gazetteer()
    >>> g.get("Vladimir Putin").country, g.adjective("United States")
    ('Russia', 'U.S.')
    """
    if path is None:
        return _default_gazetteer()
    p = Path(path)
    try:
        mtime = p.stat().st_mtime_ns
    except OSError:
        raise GazetteerError(f"{p}: gazetteer file not found") from None
    return _load_cached(str(p), mtime)


@lru_cache(maxsize=None)
def _default_path(name: str) -> Path:
    return resource_path(name)


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    p = _default_path("gazetteer.yaml")
    return _load_cached(str(p), p.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: int) -> Gazetteer:
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"{path}: cannot read gazetteer ({exc})") from None
    except yaml.YAMLError as exc:
        raise GazetteerError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise GazetteerError(f"{path}: a gazetteer must be a mapping with sections {sorted(_SECTIONS)}")
    allowed = set(_SECTIONS) | {"version", "sectors", "titles", "description"}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise GazetteerError(f"{path}: unknown top-level field(s) {unknown}; valid: {sorted(allowed)}")
    raw_sectors = data.get("sectors") or {}
    if not isinstance(raw_sectors, dict):
        raise GazetteerError(f"{path}: field 'sectors' must map a sector name to a list of words")
    sectors = tuple((str(k), _str_list(v, f"{path}: sectors.{k}")) for k, v in raw_sectors.items())
    sector_names = {s for s, _ in sectors} | {"media", "politics", "government", "military", "analyst", "other"}
    titles = _str_list(data.get("titles"), f"{path}: field 'titles'")
    actors: list[Actor] = []
    seen: dict[str, str] = {}
    for section, kind in _SECTIONS.items():
        entries = data.get(section) or []
        if not isinstance(entries, list):
            raise GazetteerError(f"{path}: section {section!r} must be a list of entries")
        for i, raw in enumerate(entries):
            actor = _build_actor(raw, kind, f"{path}: {section}[{i}]", sector_names)
            if actor.name in seen:
                raise GazetteerError(
                    f"{path}: {section}[{i}] ({actor.name!r}): field 'name' duplicates an entry in {seen[actor.name]}"
                )
            seen[actor.name] = section
            actors.append(actor)
    names = {a.name for a in actors}
    for a in actors:
        if a.type != "country" and a.country is not None and a.country not in names:
            raise GazetteerError(
                f"{path}: entry {a.name!r}: field 'country': {a.country!r} is not a country in this gazetteer"
            )
    gaz = Gazetteer(path=path, version=str(data.get("version", "")), actors=tuple(actors), titles=titles, sectors=sectors)
    _compile(gaz)
    return gaz


# --------------------------------------------------------------------------- compiling

_SEP = r"(?:[ \t\u00a0]*[-\u2010\u2011][ \t\u00a0]*|[ \t\u00a0]+)"
_END = r"(?!\w)"
_SPLIT = re.compile(r"[\s\-\u2010\u2011]+")


@lru_cache(maxsize=8192)
def _key(surface: str) -> str:
    return _SPLIT.sub(" ", surface.strip()).replace("\u2019", "'").lower()


def _strip_the(alias: str) -> str:
    return alias[4:] if alias.lower().startswith("the ") and len(alias) > 4 else alias


def _atoms(alias: str) -> list[str]:
    atoms: list[str] = []
    for t, token in enumerate(_SPLIT.split(alias.strip())):
        if t:
            atoms.append(_SEP)
        for j, ch in enumerate(token):
            if ch in "'\u2019":
                atoms.append("['\u2019]")
            elif j == 0 and t and ch.lower() != ch.upper():
                atoms.append(f"[{re.escape(ch.upper())}{re.escape(ch.lower())}]")
            else:
                atoms.append(re.escape(ch))
    return atoms


def _trie_pattern(surfaces: Iterable[str]) -> str:
    root: dict[str, Any] = {}
    surfaces_list = list(surfaces)
    for s in surfaces_list:
        node = root
        for atom in _atoms(s):
            node = node.setdefault(atom, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        children = sorted(k for k in node if k)
        alts = []
        for atom in children:
            child = node[atom]
            alts.append(atom + build(child))
        if node.get(""):
            alts.append(_END)
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    if not root:
        return r"(?!x)x"
    if "" not in root and all(atom == re.escape(atom[-1]) for atom in root):
        # every surface opens with a plain character: the pattern opens with the
        # alternation of those characters (re then skips quickly to the next one) and
        # each checks the character before it: A(?<![\w’']A)…|B(?<![\w’']B)…
        return "(?:" + "|".join(
            atom + r"(?<![\w\u2019']" + atom + ")" + build(root[atom]) for atom in sorted(root)
        ) + ")"
    # a cheap first-character test before the look-behind halves the scanning time
    firsts = sorted({s.strip()[0] for s in surfaces_list if s.strip()})
    return "(?=[" + "".join(re.escape(c) for c in firsts) + r"])(?<![\w\u2019'])" + build(root)


def _compile(gaz: Gazetteer) -> None:
    table: dict[str, list[tuple[int, str, int]]] = {}

    def add(surface: str, idx: int, form: str, role: int = -1) -> None:
        surface = _strip_the(surface)
        k = _key(surface)
        entry = (idx, form, role)
        lst = table.setdefault(k, [])
        if entry not in lst:
            lst.append(entry)

    surfaces: dict[str, None] = {}
    country_surfaces: dict[str, None] = {}
    for idx, a in enumerate(gaz.actors):
        gaz._by_name[a.name] = a
        forms = [(a.name, "name")] + [(x, "alias") for x in a.aliases]
        if a.type == "country":
            forms += [(x, "adjective") for x in a.adjectives]
            forms += [(x, "demonym") for x in a.demonyms]
            forms += [(x, "metonym") for x in a.metonyms]
        forms += [(x, "short") for x in a.short if _key(x) != _key(a.name)]
        for surface, form in forms:
            add(surface, idx, form)
            surfaces[_strip_the(surface)] = None
            if a.type == "country":
                country_surfaces[_strip_the(surface)] = None
        for r, role in enumerate(a.roles):
            for alias in role.aliases:
                add(alias, idx, "role", r)
                surfaces[_strip_the(alias)] = None
    object.__setattr__(gaz, "_table", {k: tuple(v) for k, v in table.items()})
    object.__setattr__(gaz, "_regex", re.compile(_trie_pattern(surfaces)))
    object.__setattr__(gaz, "_country_regex", re.compile(_trie_pattern(country_surfaces)))
    object.__setattr__(gaz, "_titles", frozenset(gaz.titles))
    object.__setattr__(gaz, "_titles_lower", frozenset(t.lower() for t in gaz.titles))
    words = sorted({w for _, ws in gaz.sectors for w in ws}, key=len, reverse=True)
    if words:
        pat = "|".join(re.escape(w) for w in words)
        object.__setattr__(gaz, "_sector_regex", re.compile(rf"\b(?:{pat})\b", re.IGNORECASE))


def _resolve_gazetteer(gazetteer: "Gazetteer | str | Path | None") -> Gazetteer:
    if gazetteer is None:
        return load_gazetteer()
    if isinstance(gazetteer, Gazetteer):
        return gazetteer
    if isinstance(gazetteer, (str, Path)):
        return load_gazetteer(gazetteer)
    raise TypeError(f"gazetteer must be a Gazetteer, a path to a YAML file or None, not {type(gazetteer).__name__}")


# --------------------------------------------------------------------------- article date

def article_date(article: "Article | str") -> _dt.date | None:
    """The date an article speaks from: ``published``, else metadata ``event_date``/``date``.

    Returns None for a plain string or when no parseable date is known.

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> article_date(Article.from_text("Hi.", published="2023-09-14T08:00:00"))
    datetime.date(2023, 9, 14)
    >>> article_date("Hi.") is None
    True
    """
    if isinstance(article, str):
        return None
    meta = getattr(article, "metadata", None) or {}
    for value in (getattr(article, "published", None), meta.get("published"), meta.get("event_date"), meta.get("date")):
        if value is None:
            continue
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        m = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})", str(value))
        if m:
            try:
                return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


# --------------------------------------------------------------------------- discovery

# a capitalized name word is [A-Z] + _NAME_TAIL
_NAME_TAIL = r"(?:[a-z\u00e0-\u00ff]+(?:[A-Z][a-z]+)?|[\u2019'][A-Z][a-z]+)(?:[-\u2019'][A-Za-z\u00e0-\u00ff]+)*"
_NAME_TOKEN = rf"[A-Z]{_NAME_TAIL}"
_PARTICLE = r"(?:de|da|di|del|der|den|van|von|la|le|bin|ibn|al|el|ben|dos|du)"
# the words after the first of a full name
_MORE_NAME = rf"(?:[ \u00a0](?:[A-Z]\.[ \u00a0])?(?:{_PARTICLE}[ \u00a0-])?{_NAME_TOKEN}){{1,3}}"
_HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Miss", "Mx.", "Dr.", "Prof.", "Sir", "Dame", "Lord", "Lady",
                         "Mr", "Mrs", "Ms", "Dr", "Prof"})
_HONORIFIC_FIRST = re.compile("[" + "".join(sorted({h[0] for h in _HONORIFICS})) + "]")


# A full name or one name word, not glued to a word before it. Same matches as
# (?<![\w’'.])(?:_NAME_TOKEN _MORE_NAME|_NAME_TOKEN), written so that the pattern opens
# with a character class (re then skips quickly to the next capital; the look-behind
# checks the character before it) and a lone word is matched once, not twice: when the
# longest first word is not followed by more, no shorter one is (it ends inside a word).
_NAME_SEQ = re.compile(rf"[A-Z](?<![\w\u2019'.][A-Z]){_NAME_TAIL}(?:{_MORE_NAME})?")
_APPOS_AFTER = re.compile(
    r",[ \u00a0]+(?:a|an|the|who|whose|former|senior|chief|deputy|head|director|professor|spokesman|"
    r"spokeswoman|spokesperson|executive|president|founder|co-founder|one|\d+)\b"
)
_NEXT_WORD = re.compile(r",?[ \u00a0]+([a-z]+)\b")
_APPOS_NAME_BEFORE = re.compile(r"[a-z], $")
_APPOS_NAME_AFTER = re.compile(r", [a-z]")


def name_start(words: Sequence[str], titles_lower: frozenset[str]) -> tuple[int, bool]:
    """Where a person's name starts in a capitalized word sequence, after any title.

    Returns ``(index, titled)``: the index of the first word of the name proper (after
    the last word that is a title, case-insensitively; the last word never is one)
    and whether a title was seen.

    >>> name_start(["Swiss", "Foreign", "Minister", "Elena", "Brunner"], load_gazetteer()._titles_lower)
    (3, True)
    """
    cut, titled = 0, False
    if titles_lower.isdisjoint(map(str.lower, words[:-1])):
        return cut, titled  # the usual case, without a Python loop
    for i, w in enumerate(words[:-1]):
        if w.lower() in titles_lower:
            cut, titled = i + 1, True
    return cut, titled


@lru_cache(maxsize=4)
def _speech_verbs() -> frozenset[str]:
    try:
        from newsframe.quotes import load_cue_verbs
    except ImportError:  # pragma: no cover - quotes ships with actors
        return frozenset()
    return frozenset(c for c in load_cue_verbs().cues if " " not in c and not c.endswith("ing"))


_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def _discover(text: str, gaz: Gazetteer, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Spans of people not in the gazetteer: (start, end, name).

    A capitalized sequence counts as a person's name when a title stands before it
    ("Dr. Jane Roe", "spokesman John Doe"), an apposition follows it ("Jane Roe, a
    teacher"), or a speech verb is next to it ("Jane Roe said", "said Jane Roe").
    """
    titles = gaz._titles
    titles_lower = gaz._titles_lower
    verbs = _speech_verbs()
    stop = stopwords()
    found: dict[tuple[int, int], str] = {}

    covered = bytearray(len(text))
    for a, b in taken:
        covered[a:b] = b"\x01" * (b - a)

    # the tests are ordered cheapest first; the name itself is built only for a hit
    for m in _NAME_SEQ.finditer(text):
        ms, me = m.span()
        seq = m.group(0)
        if " " not in seq and "\u00a0" not in seq:
            # one capitalized word: a name only after an honorific ("Mr. Smith"); most
            # have none of the honorifics' first letters before them
            if not _HONORIFIC_FIRST.search(text, max(0, ms - 6), ms):
                continue
            pw = text[max(0, ms - 6):ms].split()
            if not pw or pw[-1] not in _HONORIFICS:
                continue
        # the words of a name sequence are separated by one space each
        words = seq.split()
        # drop leading words already matched ("Russian") and everything up to the
        # last title ("Swiss Foreign Minister Elena Brunner", "Librarian Tom Reyes")
        s = ms
        if covered.find(1, ms, me) != -1:
            while words and covered.find(1, s, s + len(words[0])) != -1:
                s += len(words[0]) + 1
                words = words[1:]
        cut, titled = name_start(words, titles_lower)
        honorific = titled and words[cut - 1] in _HONORIFICS
        if cut >= len(words):
            continue
        if cut:
            s += sum(len(w) + 1 for w in words[:cut])
        e = me
        if covered.find(1, s, e) != -1:
            continue
        spaced = text[s - 1:s] in (" ", "\u00a0")  # a word may stand right before the name
        if not titled and spaced:
            bw = text[max(0, s - 40):s].split()
            if bw:
                last = bw[-1]
                titled = last in titles or (len(bw) > 1 and f"{bw[-2]} {last}" in titles)
                honorific = last in _HONORIFICS
        ok = titled or bool(_APPOS_AFTER.match(text, e)) or bool(
            _APPOS_NAME_AFTER.match(text, e) and _APPOS_NAME_BEFORE.search(text, max(0, s - 30), s)
        )  # "the district superintendent, Paul Whitaker, defended"
        if not ok and verbs:
            nm = _NEXT_WORD.match(text, e)
            ok = bool(nm and nm.group(1) in verbs)
            if not ok and spaced:
                pw = text[max(0, s - 20):s].split()
                ok = bool(pw and pw[-1] in verbs)
        if not ok or (len(words) - cut < 2 and not honorific):
            continue
        first = words[cut].lower()
        if first in stop or first in _WEEKDAYS:
            continue
        found.setdefault((s, e), " ".join(words[cut:]))
    return [(s, e, n) for (s, e), n in sorted(found.items())]


# --------------------------------------------------------------------------- matching

_PREV_WORD = re.compile(r"([\w'-]+)[ \u00a0]$")
_FOLLOWED_BY_NAME = re.compile(r"[ \t\u00a0]+[A-Z][a-z]")
_ALLCAPS_WORD = re.compile(r"[A-Z]{2,}")


def _caps_context(text: str, s: int, e: int) -> bool:
    """True if an all-caps acronym match sits inside ALL-CAPS text ("HELP US NOW")."""
    before = text[max(0, s - 30):s].split()
    after = text[e:e + 30].split()
    return bool((before and _ALLCAPS_WORD.fullmatch(before[-1].strip(".,;:!?\"'“”"))) or
                (after and _ALLCAPS_WORD.fullmatch(after[0].strip(".,;:!?\"'“”"))))


@dataclass(frozen=True, slots=True)
class _Person:
    name: str
    family: str
    short: tuple[str, ...]
    country: str | None
    in_gazetteer: bool


def _mentions(text: str, date: _dt.date | None, gaz: Gazetteer) -> tuple[tuple[int, int, str, str, str | None, str], ...]:
    return _mentions_cached(text, date, gaz)


@lru_cache(maxsize=128)
def _mentions_cached(text: str, date: _dt.date | None, gaz: Gazetteer) -> tuple[tuple[int, int, str, str, str | None, str], ...]:
    actors = gaz.actors
    resolved: list[tuple[int, int, str, str, str | None, str]] = []  # start, end, actor, type, country, form
    pending_short: list[tuple[int, int, str]] = []
    named_order: dict[str, int] = {}  # person name -> first full mention position
    for m in gaz._regex.finditer(text):
        s, e = m.span()
        surface = m.group(0)
        if len(surface) <= 3 and surface.isupper() and _caps_context(text, s, e):
            continue
        cands = gaz._table.get(_key(surface), ())
        if not cands:
            continue
        full = [c for c in cands if c[1] not in ("short", "role")]
        if full:
            idx, form, _ = full[0]
            a = actors[idx]
            if a.not_after:
                prev = _PREV_WORD.search(text, max(0, s - 20), s)
                if prev and prev.group(1) in a.not_after:
                    continue  # "Latin America", "South American"
            resolved.append((s, e, a.name, a.type, a.country, form))
            if a.type == "person":
                named_order.setdefault(a.name, s)
            continue
        roles = [c for c in cands if c[1] == "role"]
        if roles:
            if _FOLLOWED_BY_NAME.match(text, e):
                for cm in gaz._country_regex.finditer(text, s, e):
                    ccands = [c for c in gaz._table.get(_key(cm.group(0)), ()) if actors[c[0]].type == "country"]
                    if ccands:
                        a = actors[ccands[0][0]]
                        resolved.append((cm.start(), cm.end(), a.name, a.type, a.name, ccands[0][1]))
                continue
            holders = [c for c in roles if actors[c[0]].roles[c[2]].valid_on(date)]
            if holders:
                a = actors[holders[0][0]]
                role = a.roles[holders[0][2]]
                resolved.append((s, e, a.name, a.type, role.country if role.country is not None else a.country, "role"))
            continue
        pending_short.append((s, e, surface))

    # people not in the gazetteer
    taken = sorted((r[0], r[1]) for r in resolved)
    discovered: dict[str, _Person] = {}
    new_spans = _discover(text, gaz, taken)
    if new_spans:  # a gazetteer short form inside a new name ("Rosa Kim") is part of it
        pending_short = [p for p in pending_short
                         if not any(s0 < p[1] and p[0] < e0 for s0, e0, _ in new_spans)]
    for s, e, name in new_spans:
        tokens = name.split()
        if len(tokens) >= 2:
            family = tokens[0] if re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+-[a-z]+", name) else tokens[-1]
            discovered.setdefault(name, _Person(name, family, (family,), None, False))
            named_order.setdefault(name, s)
            resolved.append((s, e, name, "person", None, "discovered"))
        else:
            pending_short.append((s, e, name))
    if discovered:  # later bare family names of discovered people
        fam = {p.family: p.name for p in discovered.values()}
        taken = sorted((r[0], r[1]) for r in resolved)
        pending = {(p[0], p[1]) for p in pending_short}
        for s, e in _whole_words(text, fam):
            tok = text[s:e]
            if s < named_order[fam[tok]] or (s, e) in pending:
                continue
            i = bisect.bisect_left(taken, (s, -1))
            if any(0 <= j < len(taken) and taken[j][0] < e and s < taken[j][1] for j in (i - 1, i)):
                continue
            pending_short.append((s, e, tok))

    # short forms
    if pending_short:
        fam_people: dict[str, list[tuple[int, bool, str, str, str | None]]] = {}
        for name, pos in named_order.items():
            known = gaz.get(name)
            if known is not None and known.type == "person":
                keys = {_key(x) for x in known.short} | {_key(known.family or "")}
                for k in keys:
                    fam_people.setdefault(k, []).append(
                        (pos, _key(k) in {_key(x) for x in known.short}, known.name, "person", known.country))
            elif name in discovered:
                k = _key(discovered[name].family)
                fam_people.setdefault(k, []).append((pos, True, name, "person", None))
        for s, e, surface in pending_short:
            if _inside_longer_name(text, s, e, gaz):
                continue  # "Rosa Kim", "Helen Park": part of another person's name
            k = _key(surface)
            named = fam_people.get(k)
            if named:
                first_full = [n for n in named if n[0] < s] or named
                pick = sorted(first_full, key=lambda n: (not n[1], n[0]))[0]
                resolved.append((s, e, pick[2], pick[3], pick[4], "short"))
                continue
            shorts = [c for c in gaz._table.get(k, ()) if c[1] == "short"]
            office = [c for c in shorts if actors[c[0]].role_on(date) is not None]
            if office:
                a = actors[office[0][0]]
                resolved.append((s, e, a.name, a.type, a.country, "short"))
    resolved.sort(key=lambda r: (r[0], -r[1]))
    out: list[tuple[int, int, str, str, str | None, str]] = []
    last_end = -1
    for r in resolved:
        if r[0] < last_end:
            continue
        out.append(r)
        last_end = r[1]
    return tuple(out)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what ``\w`` matches in a str pattern


def _whole_words(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    r"""Spans of ``words`` standing alone, left to right, not overlapping, longest first.

    What ``re.finditer(r"(?<![\w’'-])(w1|w2|…)(?![\w-])", text)`` finds with the
    words sorted longest first, without compiling a new pattern for every article
    (compiling costs far more than a few string searches).

    >>> _whole_words("Lee met Leeds' Lee-Park and Lee.", ["Lee", "Leeds"])
    [(0, 3), (8, 13), (28, 31)]
    """
    found: list[tuple[int, int]] = []
    n = len(text)
    for w in set(words):
        if not w:
            continue
        i = text.find(w)
        while i >= 0:
            j = i + len(w)
            before = text[i - 1] if i else ""
            after = text[j] if j < n else ""
            if not (before and (_is_word_char(before) or before in "\u2019'-")) and \
                    not (after and (_is_word_char(after) or after == "-")):
                found.append((i, j))
            i = text.find(w, i + 1)
    found.sort(key=lambda span: (span[0], span[0] - span[1]))
    out: list[tuple[int, int]] = []
    last = -1
    for i, j in found:
        if i >= last:
            out.append((i, j))
            last = j
    return out


_PREV_TOKEN = re.compile(r"([A-Z][a-z\u00e0-\u00ff]+)[ \u00a0]$")
_NEXT_TOKEN = re.compile(r"[ \u00a0]([A-Z][a-z\u00e0-\u00ff]+(?:-[a-z]+)?)")


def _inside_longer_name(text: str, s: int, e: int, gaz: Gazetteer) -> bool:
    """True if a bare family name is glued to another capitalized name word."""
    stop = stopwords()
    m = _PREV_TOKEN.search(text, max(0, s - 30), s)
    if m and m.end() == s:
        w = m.group(1)
        if w not in gaz._titles and w.lower() not in stop and _key(w) not in gaz._table:
            return True
    m = _NEXT_TOKEN.match(text, e)
    if m:
        w = m.group(1)
        if w.lower() not in stop and _key(w) not in gaz._table:
            return True
    return False


def find_actors(
    article: "Article | str", *, gazetteer: "Gazetteer | str | Path | None" = None
) -> list[ActorMention]:
    """Every mention of a country, person, organization or media outlet, in text order.

    Parameters
    ----------
    article : Article or str
        A plain string has no date (role phrases then resolve to current holders).
    gazetteer : Gazetteer or path, optional
        Default: the shipped ``resources/gazetteer.yaml``.

    Returns
    -------
    list of ActorMention
        Non-overlapping, sorted by ``start``; offsets index ``article.text``.

    Raises
    ------
    TypeError
        If ``article`` is neither an Article nor a string.
    GazetteerError
        If a gazetteer path is given and the file is malformed.

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> art = Article.from_text("The Russian defense minister visited Pyongyang.", published="2023-07-26")
    >>> [(m.text, m.actor, m.form) for m in find_actors(art)]
    [('Russian defense minister', 'Sergei Shoigu', 'role'), ('Pyongyang', 'North Korea', 'metonym')]
    """
    text = _text_of(article)
    gaz = _resolve_gazetteer(gazetteer)
    rows = _mentions(text, article_date(article), gaz)
    if not rows:
        return []
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    out = []
    for s, e, actor, typ, country, form in rows:
        si = max(0, bisect.bisect_right(starts, s) - 1)
        out.append(ActorMention(actor, s, e, text[s:e], typ, country, si, form))
    return out


def _text_of(article: Any) -> str:
    if isinstance(article, str):
        return article
    text = getattr(article, "text", None)
    if not isinstance(text, str):
        raise TypeError(f"expected an Article or a string, not {type(article).__name__}")
    return text


# --------------------------------------------------------------------------- info

def _sector_from_words(text: str, gaz: Gazetteer) -> str | None:
    if gaz._sector_regex is None or not text:
        return None
    lookup = {w.lower(): s for s, ws in reversed(gaz.sectors) for w in ws}
    for m in gaz._sector_regex.finditer(text):
        sector = lookup.get(m.group(0).lower())
        if sector is None:
            continue
        if sector in ("government", "military") and re.search(r"\bformer\s+(?:\w+\s+){0,3}$", text[: m.start()], re.I):
            return "analyst"
        return sector
    return None


def actor_info(
    name: str | None,
    *,
    description: str | None = None,
    date: _dt.date | None = None,
    gazetteer: "Gazetteer | str | Path | None" = None,
) -> ActorInfo:
    """Type, country, sector and a readable *source type* for an actor on a date.

    For a gazetteer entry the sector is that of the role held on ``date`` (else the
    entry's own); for anyone else it is read from ``description`` (the first sector
    word in it, see the gazetteer's ``sectors``; "former minister" counts as analyst)
    and the country from the first country named in it.

    Returns
    -------
    ActorInfo
        ``source_type`` is "<country adjective> <sector>" ("Russian government",
        "U.S. analyst", "Russian state media"), "international <sector>" for
        gazetteer bodies without a country, "<sector>" alone when the country of
        someone outside the gazetteer is not known, or "unknown".

    Examples
    --------
    >>> import datetime
    >>> actor_info("Dmitry Peskov", date=datetime.date(2023, 9, 13)).source_type
    'Russian government'
    >>> actor_info("Jane Roe", description="a South Korean economist").source_type
    'South Korean analyst'
    >>> actor_info(None).source_type
    'unknown'
    """
    gaz = _resolve_gazetteer(gazetteer)
    entry = gaz.get(name) if name else None
    if entry is None and name:  # a surface form ("the Kremlin", "Putin")
        for m in gaz._regex.finditer(name):
            cands = [c for c in gaz._table.get(_key(m.group(0)), ()) if c[1] != "role"]
            if cands and m.end() - m.start() >= len(name.strip()) - 4:
                entry = gaz.actors[cands[0][0]]
                break
    if entry is not None:
        role = entry.role_on(date) if entry.roles else None
        sector = (role.sector if role and role.sector else None) or entry.sector
        if entry.type == "country":
            sector = "government"
        country = entry.country
        if entry.type == "media":
            sector = "state media" if entry.state else "media"
        label = _label(gaz, country, sector)
        return ActorInfo(entry.name, entry.type, country, sector, role.title if role else None, label)
    sector = _sector_from_words(description or "", gaz)
    country = None
    if description:
        for m in gaz._country_regex.finditer(description):
            cands = [c for c in gaz._table.get(_key(m.group(0)), ()) if gaz.actors[c[0]].type == "country"]
            if cands:
                country = gaz.actors[cands[0][0]].name
                break
    typ = "person" if name and re.match(r"^[A-Z]", name) else None
    return ActorInfo(name or "", typ, country, sector, None, _label(gaz, country, sector, known=False))


def _label(gaz: Gazetteer, country: str | None, sector: str | None, *, known: bool = True) -> str:
    if sector is None:
        return "unknown" if country is None else f"{gaz.adjective(country)} (sector unknown)"
    if country is None:
        return f"international {sector}" if known else sector
    return f"{gaz.adjective(country)} {sector}"


# --------------------------------------------------------------------------- tables

def actor_table(
    article: "Article | str", *, gazetteer: "Gazetteer | str | Path | None" = None
) -> "pd.DataFrame":
    """One row per actor mentioned in the article (tidy).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ACTOR_TABLE_COLUMNS`: ``article_id``, ``actor``, ``type``,
        ``country``, ``sector`` (on the article's date), ``mentions`` (count, ≥ 1),
        ``sentences`` (distinct sentences mentioning it), ``first_start`` (offset of
        the first mention), ``surface_forms`` (distinct texts, "; "-joined, in order
        of appearance). Sorted by ``(-mentions, actor)``.

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> t = actor_table(Article.from_text("Putin met Kim Jong Un. Putin left.", id="a"))
    >>> t[["actor", "mentions", "sentences"]].values.tolist()
    [['Vladimir Putin', 2, 2], ['Kim Jong Un', 1, 1]]
    """
    import pandas as pd

    gaz = _resolve_gazetteer(gazetteer)
    mentions = find_actors(article, gazetteer=gaz)
    date = article_date(article)
    art_id = getattr(article, "id", "text")
    rows: dict[str, dict[str, Any]] = {}
    for m in mentions:
        row = rows.get(m.actor)
        if row is None:
            info = actor_info(m.actor, date=date, gazetteer=gaz)
            row = rows[m.actor] = {
                "article_id": art_id, "actor": m.actor, "type": m.type, "country": m.country,
                "sector": info.sector if info.type else None, "mentions": 0, "_sent": set(),
                "first_start": m.start, "_forms": {},
            }
        row["mentions"] += 1
        row["_sent"].add(m.sentence)
        row["_forms"].setdefault(m.text, None)
    records = []
    for row in rows.values():
        row["sentences"] = len(row.pop("_sent"))
        row["surface_forms"] = "; ".join(row.pop("_forms"))
        records.append(row)
    records.sort(key=lambda r: (-r["mentions"], r["actor"]))
    return pd.DataFrame(records, columns=list(ACTOR_TABLE_COLUMNS)).astype(
        {"mentions": "int64", "sentences": "int64", "first_start": "int64"}
    )


def cooccurrence_graph(
    article: "Article | str",
    *,
    gazetteer: "Gazetteer | str | Path | None" = None,
    types: Sequence[str] = ACTOR_TYPES,
    min_weight: int = 1,
) -> "nx.Graph":
    """Actors as nodes; an edge for every pair mentioned in the same sentence.

    Parameters
    ----------
    types : sequence of str
        Which actor types become nodes (default all of :data:`ACTOR_TYPES`).
    min_weight : int
        Keep only edges whose weight is at least this (≥ 1).

    Returns
    -------
    networkx.Graph
        Nodes (added in sorted order) carry ``type``, ``country`` and ``mentions``;
        an edge's ``weight`` is the number of sentences mentioning both actors
        (higher = more often together).

    Raises
    ------
    ValueError
        If ``types`` holds an unknown type or ``min_weight < 1``.

    Examples
    --------
    >>> g = cooccurrence_graph("Putin met Kim Jong Un in Russia. Putin and Kim Jong Un left.")
    >>> g["Vladimir Putin"]["Kim Jong Un"]["weight"], g.nodes["Russia"]["type"]
    (2, 'country')
    """
    import networkx as nx

    bad = [t for t in types if t not in ACTOR_TYPES]
    if bad:
        raise ValueError(f"unknown actor type(s) {bad}; valid: {', '.join(ACTOR_TYPES)}")
    if not isinstance(min_weight, int) or min_weight < 1:
        raise ValueError(f"min_weight must be an integer >= 1, not {min_weight!r}")
    mentions = [m for m in find_actors(article, gazetteer=gazetteer) if m.type in types]
    info: dict[str, dict[str, Any]] = {}
    by_sentence: dict[int, set[str]] = {}
    for m in mentions:
        d = info.setdefault(m.actor, {"type": m.type, "country": m.country, "mentions": 0})
        d["mentions"] += 1
        by_sentence.setdefault(m.sentence, set()).add(m.actor)
    weights: dict[tuple[str, str], int] = {}
    for actors_here in by_sentence.values():
        names = sorted(actors_here)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                weights[(a, b)] = weights.get((a, b), 0) + 1
    g = nx.Graph()
    for name in sorted(info):
        g.add_node(name, **info[name])
    for (a, b), w in sorted(weights.items()):
        if w >= min_weight:
            g.add_edge(a, b, weight=w)
    return g


def record_fields(article: "Article", sentences: Sequence[Any]) -> tuple[dict[int, dict[str, Any]], dict[str, Any]]:
    """JSON keys for ``newsframe analyze --json``: per article ``"actors"``.

    ``"actors": [{"actor", "type", "country", "mentions"}]`` sorted by
    ``(-mentions, actor)``; nothing per sentence.

    Examples
    --------
    >>> from newsframe.ingest import Article
    >>> record_fields(Article.from_text("Putin spoke. Putin left."), [])[1]
    {'actors': [{'actor': 'Vladimir Putin', 'type': 'person', 'country': 'Russia', 'mentions': 2}]}
    """
    counts: dict[str, dict[str, Any]] = {}
    # find_actors' rows, without the mention objects and their sentence numbers
    for _, _, actor, typ, country, _ in _mentions(_text_of(article), article_date(article), load_gazetteer()):
        d = counts.get(actor)
        if d is None:
            d = counts[actor] = {"actor": actor, "type": typ, "country": country, "mentions": 0}
        d["mentions"] += 1
    return {}, {"actors": sorted(counts.values(), key=lambda d: (-d["mentions"], d["actor"]))}
