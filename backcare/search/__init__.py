"""Site search across every app's content, best first, with the matching words highlighted.

Each app lists what it offers to search in a module named by its AppConfig's `search_sources`
(`SOURCES` there), as it names its fixtures, so this package never imports an app. A source gives
each row three parts that weigh less and less: its name, its summary, the rest of its text.

The database's own engine does the work, held to the same tests on both:

- PostgreSQL (`postgresql.py`): one SQL query. Full-text search (English stems) over the weighted
  document its GIN index holds ranks the rows, and trigram similarity of the name (its trigram
  index) catches a misspelling; `ts_headline` marks the words.
- SQLite (`sqlite.py`): FTS5 in an in-memory SQLite database of each process, built from the
  published rows when the content version changes. The porter tokenizer matches word forms, bm25
  ranks, `highlight()` and `snippet()` mark the words, and a trigram-tokenized table of the names'
  words turns a misspelt word into the names' words it is close to ("trapezious" -> "trapezius").
  It works whatever the main database is, needs no migration, and a search writes nothing there.

Either way a match in the name ranks first. Both engines wrap the words they match in private-use
characters; `marked()` escapes everything else and turns only those into <mark>.

An app's search module may also offer `notices(query, request)`: boxes shown above every result,
such as "Call 911 now if you have any of these" when the words searched for are an emergency
sign's. It finds them with `rows_with_every_word()` over a source that is not listed as results.
"""

import importlib
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from html import escape

from django.apps import apps
from django.db import connection, models
from django.db.models import F, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.safestring import SafeString, mark_safe

# What the page reads of a query: more is cut (and said so), so a huge one costs nothing extra.
MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
MAX_RESULTS = 30
# Only words of 5 letters or more are matched loosely (misspelt): "heat" would find "Healthy diet".
FUZZY_TERM_LENGTH = 5
# Around a match, a snippet shows about this many words (about 180 characters).
SNIPPET_WORDS = 28
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "my",
        "of",
        "on",
        "or",
        "the",
        "to",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "with",
        "you",
        "your",
    ]
)

# The engines put these around a match, and before or after a cut snippet; staff's text never
# becomes markup, since everything is escaped before they turn into <mark> and "…".
MARK_START, MARK_END, CUT = "\ue000", "\ue001", "\ue002"
MARKED = re.compile(f"{MARK_START}([^{MARK_START}{MARK_END}]*){MARK_END}")


@dataclass(frozen=True)
class Source:
    """One kind of content to search, e.g. exercises, with where each result links."""

    kind: str
    label: str
    model: type[models.Model]
    # The name (weighs most), the summary, then the rest of the text.
    title: str
    summary: tuple[str, ...]
    text: tuple[str, ...]
    url: Callable[[str], str]
    # The weighted search document on PostgreSQL: the name A, the summary B, the text C; the
    # expression of the source's GinIndex, so that the index serves the query.
    vector: Callable[[], object]
    key: str = "slug"
    # Whether a misspelt name still matches on PostgreSQL (for short names, not long questions).
    fuzzy_title: bool = True
    # Whether its rows are listed as results; a source that is not is only read by an app's
    # notices (rows_with_every_word).
    listed: bool = True

    def queryset(self) -> models.QuerySet:
        return self.model.objects.published()


@dataclass(frozen=True)
class Query:
    """A visitor's query, cleaned: at most 100 characters and 8 words worth searching for."""

    text: str
    terms: tuple[str, ...]
    truncated: bool = False
    # Its words in order, lowercased, up to 1,000 characters: for a phrase in a long sentence.
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """What an engine found: a row of a source, its name and snippet marked, best first."""

    kind: str
    url: str
    title: str
    snippet: str


@dataclass(frozen=True)
class Result:
    kind: str
    label: str
    title: SafeString
    url: str
    snippet: SafeString


@dataclass(frozen=True)
class Notice:
    """A box above every result: what to do, and the signs that make it so, each with why."""

    level: str
    heading: str
    items: list[tuple[str, str]]
    # An emergency: the box's button calls the emergency number (else the clinic's, if it has one).
    is_emergency: bool = False


@dataclass
class Outcome:
    query: Query
    results: list[Result] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    # The query as searched when nothing matched it as typed: its slips mended ("nek" as "neck").
    mended: Query | None = None


@cache
def search_modules() -> tuple:
    """Return every installed app's search module (its AppConfig's `search_sources`), in order."""
    return tuple(
        importlib.import_module(name)
        for app in apps.get_app_configs()
        if (name := getattr(app, "search_sources", ""))
    )


@cache
def sources() -> tuple[Source, ...]:
    """Return what every installed app offers to search, in INSTALLED_APPS order."""
    return tuple(source for module in search_modules() for source in module.SOURCES)


def listed_sources() -> tuple[Source, ...]:
    """Return the sources whose rows are listed as results."""
    return tuple(source for source in sources() if source.listed)


def lines_of(names: tuple[str, ...]):
    """Return these text fields of a row as one text, a field a line (empty if there are none)."""
    text = models.TextField()
    if not names:
        return Value("", output_field=text)
    if len(names) == 1:
        return Coalesce(names[0], Value(""), output_field=text)
    parts = [part for name in names for part in (F(name), Value("\n"))][:-1]
    return Concat(*parts, output_field=text)


def rows_of(source: Source) -> models.QuerySet:
    """Return this source's published rows as (kind, key, title, summary, text) values."""
    return (
        source.queryset()
        .order_by()
        .annotate(
            result_kind=Value(source.kind, output_field=models.CharField()),
            result_key=Cast(F(source.key), models.TextField()),
            result_title=Cast(source.title, models.TextField()),
            result_summary=lines_of(source.summary),
            result_text=lines_of(source.text),
        )
        .values_list("result_title", "result_summary", "result_text", "result_kind", "result_key")
    )


def read_rows() -> list[tuple]:
    """Read every source's published rows in one query."""
    rows = [rows_of(source) for source in sources()]
    return list(rows[0].union(*rows[1:], all=True).order_by())


def rows_with_every_word(source: Source, query: Query, request) -> list[str]:
    """Return the keys of this source's rows whose name or summary holds every word searched for."""
    return engine().rows_with_every_word(source, query, request) if query.terms else []


def clean_query(raw: str) -> Query:
    """Bound and tidy a query: no control or invisible characters, at most 100 characters."""
    text = unicodedata.normalize("NFKC", raw[: MAX_QUERY_LENGTH * 10])
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    text = " ".join(text.split())
    truncated = len(text) > MAX_QUERY_LENGTH
    words = re.findall(r"\w+", text[:MAX_QUERY_LENGTH].lower())
    terms = [w for w in dict.fromkeys(words) if len(w) >= 2 and w not in STOPWORDS]
    return Query(
        text=text[:MAX_QUERY_LENGTH].strip(),
        terms=tuple(terms[:MAX_TERMS]),
        truncated=truncated,
        words=tuple(re.findall(r"\w+", text.lower())),
    )


def marked(text: str) -> SafeString:
    """Escape an engine's marked text and turn its marks into <mark> and its cuts into "…"."""
    html = MARKED.sub(r"<mark>\1</mark>", escape(text))
    html = html.replace(MARK_START, "").replace(MARK_END, "")
    return mark_safe(html.replace(CUT, "…"))


def snippet_line(fragment: str) -> str:
    """Keep the line of a marked fragment with the first match, so fields never run together.

    A row's text has one field or paragraph a line; only the fragment's first line can start with
    a cut and only its last line end with one.
    """
    lines = [line for line in fragment.split("\n") if line.strip(f"{CUT} ")] or [""]
    line = " ".join(next((line for line in lines if MARK_START in line), lines[0]).split())
    if line.startswith(CUT):
        line = f"{CUT} {line[1:].lstrip()}"
    if line.endswith(CUT):
        line = f"{line[:-1].rstrip()} {CUT}"
    return line


def engine():
    """Return the search engine module for the database in use."""
    from . import postgresql, sqlite

    return postgresql if connection.vendor == "postgresql" else sqlite


def one_slip_apart(word: str, other: str) -> bool:
    """Return whether two different words differ by one letter added, left out, changed or
    swapped with the next ("pian" and "pain", "cheast" and "chest")."""
    if word == other or abs(len(word) - len(other)) > 1:
        return False
    if len(word) == len(other):
        differ = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
        return len(differ) == 1 or (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and word[differ[0]] == other[differ[1]]
            and word[differ[1]] == other[differ[0]]
        )
    shorter, longer = sorted((word, other), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


# Endings taken off a word no page uses before it is compared with the guide's words.
WORD_ENDINGS = ("ing", "ed", "es", "s")
# The guide's words and how often each is used, of the content version last read in this process.
_words: tuple[str | None, Counter] = (None, Counter())
_reading_words = threading.Lock()


def guide_words(request) -> Counter:
    """Return every word (3 letters or more) of the published rows, with how often it is used."""
    global _words
    from ..cache import cache_version

    version = cache_version(request)
    with _reading_words:
        kept, words = _words
        if version is None or version != kept:
            words = Counter(
                word
                for row in read_rows()
                for part in row[:3]
                for word in re.findall(r"[^\W\d_]{3,}", (part or "").lower())
            )
            if version is not None:
                _words = (version, words)
        return words


def forget_what_is_kept() -> None:
    """Drop this process's index and words; the next search reads them again (for tests that roll
    back)."""
    global _words
    from .sqlite import forget_index

    forget_index()
    with _reading_words:
        _words = (None, Counter())


def with_slips_mended(query: Query, words: Counter, shortest: int = 3) -> Query | None:
    """Return the query with each word not in `words` (of `shortest` letters or more) read as
    the most used of them one slip away ("nek" as "neck", "streching" as "stretch"), or None if no
    word changed."""
    terms = []
    for term in query.terms:
        near = []
        if term not in words and len(term) >= shortest:
            # "streching" is one slip from no word of the guide, but "strech" is from "stretch".
            forms = [term] + [term.removesuffix(end) for end in WORD_ENDINGS if term.endswith(end)]
            near = sorted(
                (-count, word)
                for word, count in words.items()
                if any(len(form) >= shortest and one_slip_apart(form, word) for form in forms)
            )
        terms.append(near[0][1] if near else term)
    if terms == list(query.terms):
        return None
    mended = dict(zip(query.terms, terms, strict=True))
    return replace(
        query,
        text=" ".join(terms),
        terms=tuple(terms),
        words=tuple(mended.get(word, word) for word in query.words),
    )


def search(raw: str, request) -> Outcome:
    """Search every source for a visitor's query, best first, at most 30 results.

    A query that matches nothing as typed is searched again with its slips mended, and the page
    says so.
    """
    query = clean_query(raw)
    outcome = Outcome(query=query)
    if not query.terms:
        return outcome
    for module in search_modules():
        if notices := getattr(module, "notices", None):
            outcome.notices.extend(notices(query, request))
    by_kind = {source.kind: source for source in sources()}
    found = engine().matches(query, request)
    if not found and (mended := with_slips_mended(query, guide_words(request))):
        found = engine().matches(mended, request)
        outcome.mended = mended if found else None
    for match in found[:MAX_RESULTS]:
        source = by_kind[match.kind]
        outcome.results.append(
            Result(
                kind=source.kind,
                label=source.label,
                title=marked(match.title),
                url=match.url,
                snippet=marked(match.snippet),
            )
        )
    return outcome
