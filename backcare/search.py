"""Site search across every app's content, in one query, with the matching words highlighted.

Each app lists what it offers to search in a module named by its AppConfig's `search_sources`
(`SOURCES` there), as it names its fixtures, so this module never imports an app. On SQLite, words
are matched by their stem anywhere in the text, here, over the published rows read once per content
version; on PostgreSQL,
full-text search (English) ranks the matches and trigram similarity on the name catches a
misspelling ("trapezious") or a short form ("traps").
"""

import importlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache, lru_cache, reduce
from operator import or_

from django.apps import apps
from django.db import connection, models
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, Greatest
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .cache import kept

# What the page reads of a query: more is cut (and said so), so a huge one costs nothing extra.
MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
MAX_RESULTS = 30
SNIPPET_LENGTH = 180
# A misspelt or shortened name still matches from this trigram word similarity (0 to 1): pg_trgm's
# own word_similarity_threshold, which its `%>` operator (and so the name's GinIndex) uses. Only
# words of 5 letters or more are matched so loosely: "heat" would find "Healthy diet".
NAME_SIMILARITY = 0.6
FUZZY_TERM_LENGTH = 5
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


@dataclass(frozen=True)
class Source:
    """One kind of content to search, e.g. exercises, with where each result links."""

    kind: str
    label: str
    model: type[models.Model]
    title: str
    text: tuple[str, ...]
    url: Callable[[str], str]
    key: str = "slug"
    # The weighted search document on PostgreSQL; its GinIndex uses the same expression (without
    # one, the name and text unweighted).
    vector: Callable[[], object] | None = None
    # Whether a misspelt name still matches (for short names, not long questions).
    fuzzy_title: bool = True

    def queryset(self) -> models.QuerySet:
        return self.model.objects.published()


@dataclass(frozen=True)
class Query:
    """A visitor's query, cleaned: at most 100 characters and 8 words worth searching for."""

    text: str
    terms: tuple[str, ...]
    truncated: bool = False


@dataclass(frozen=True)
class Result:
    kind: str
    label: str
    title: SafeString
    url: str
    snippet: SafeString


@dataclass
class Outcome:
    query: Query
    results: list[Result] = field(default_factory=list)


@cache
def sources() -> tuple[Source, ...]:
    """Return what every installed app offers to search, in INSTALLED_APPS order."""
    found = []
    for app in apps.get_app_configs():
        if name := getattr(app, "search_sources", ""):
            found.extend(importlib.import_module(name).SOURCES)
    return tuple(found)


def clean_query(raw: str) -> Query:
    """Bound and tidy a query: no control or invisible characters, at most 100 characters."""
    text = unicodedata.normalize("NFKC", raw[: MAX_QUERY_LENGTH * 10])
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    text = " ".join(text.split())
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH].strip()
    words = re.findall(r"\w+", text.lower())
    terms = [w for w in dict.fromkeys(words) if len(w) >= 2 and w not in STOPWORDS]
    return Query(text=text, terms=tuple(terms[:MAX_TERMS]), truncated=truncated)


def stem(term: str) -> str:
    """Return a short stem for matching inside words: "stretches" -> "stretch", "traps" -> "trap"."""
    for suffix in ("ing", "es", "s"):
        if len(term) - len(suffix) >= 4 and term.endswith(suffix):
            return term[: -len(suffix)]
    return term


@lru_cache(maxsize=4096)
def word_matches(word: str, terms: tuple[str, ...]) -> bool:
    """Whether a word of the text answers one of the query's terms (its stem, or a near spelling)."""
    word = word.lower()
    for term in terms:
        root = stem(term)
        if word == term or (len(root) >= 3 and word.startswith(root)):
            return True
        # A near spelling: same first letter, about the same length, 80% alike.
        if (
            len(term) >= 5
            and len(word) >= 5
            and word[0] == term[0]
            and abs(len(word) - len(term)) <= 3
            and SequenceMatcher(None, word, term).ratio() >= 0.8
        ):
            return True
    return False


WORD = re.compile(r"\w+")


def highlight(text: str, terms: tuple[str, ...]) -> SafeString:
    """Escape the text and wrap each matching word in <mark>."""
    parts, last = [], 0
    for match in WORD.finditer(text):
        if word_matches(match.group(), terms):
            parts.append(escape(text[last : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def snippet(text: str, terms: tuple[str, ...], length: int = SNIPPET_LENGTH) -> SafeString:
    """Return about `length` characters around the first match, highlighted.

    The text is a row's fields and paragraphs one per line; the snippet comes from the first line
    that matches (or the first line), so it never runs one field into the next.
    """
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    if not lines:
        return mark_safe("")
    for line in lines:
        first = next((m.start() for m in WORD.finditer(line) if word_matches(m.group(), terms)), -1)
        if first >= 0:
            break
    else:
        line, first = lines[0], 0
    start = max(0, first - length // 3)
    if start:
        start = line.find(" ", start) + 1 or start
    end = min(len(line), start + length)
    if end < len(line) and " " in line[start:end]:
        end = line.rfind(" ", start, end)
    piece = line[start:end].strip()
    return mark_safe(
        ("… " if start else "") + highlight(piece, terms) + (" …" if end < len(line) else "")
    )


def _document(source: Source):
    """The text searched and shown for a row: its text fields in order, one per line."""
    parts = []
    for name in source.text:
        text = models.TextField()
        parts += [
            Coalesce(Cast(name, text), Value("", output_field=text), output_field=text),
            Value("\n", output_field=text),
        ]
    parts = parts[:-1]
    return Concat(*parts, output_field=models.TextField()) if len(parts) > 1 else parts[0]


def _rows(source: Source) -> models.QuerySet:
    """This source's published rows as (kind, key, title, text), the text one field per line."""
    return (
        source.queryset()
        .order_by()
        .annotate(
            result_kind=Value(source.kind, output_field=models.CharField()),
            result_key=F(source.key),
            result_title=Cast(source.title, models.TextField()),
            result_text=_document(source),
        )
    )


def _documents() -> list[dict]:
    """Every source's published rows, in one query: what search reads without PostgreSQL."""
    rows = [_rows(source).values(*COLUMNS) for source in sources()]
    return list(rows[0].union(*rows[1:], all=True).order_by())


COLUMNS = ("result_kind", "result_key", "result_title", "result_text")


def _matches_by_words(query: Query, documents: list[dict]) -> list[dict]:
    """Match each word's stem in the name or the text; a name match counts ten times as much."""
    roots = [stem(term) for term in query.terms]
    scored = []
    for row in documents:
        title, text = row["result_title"].lower(), row["result_text"].lower()
        in_title = sum(root in title for root in roots)
        in_text = sum(root in text for root in roots)
        if in_title or in_text:
            scored.append((10.0 * in_title + in_text, row))
    scored.sort(key=lambda pair: (-pair[0], pair[1]["result_title"]))
    return [row for _, row in scored]


def _scored_postgresql(source: Source, query: Query, rows: models.QuerySet) -> models.QuerySet:
    """Full-text rank (English stems) plus trigram similarity of the name, name matches first."""
    from django.contrib.postgres.search import (
        SearchQuery,
        SearchRank,
        SearchVector,
        TrigramWordSimilarity,
    )

    search = reduce(or_, (SearchQuery(term, config="english") for term in query.terms))
    vector = (
        source.vector()
        if source.vector
        else SearchVector(source.title, *source.text, config="english")
    )
    name_vector = SearchVector(source.title, config="english")
    loose = [term for term in query.terms if len(term) >= FUZZY_TERM_LENGTH]
    if not (source.fuzzy_title and loose):
        loose = []
    similarities = [TrigramWordSimilarity(term, source.title) for term in loose]
    similarity = Greatest(*similarities, Value(0.0)) if similarities else Value(0.0)
    matched = Q(document=search)
    for term in loose:
        matched |= Q(**{f"{source.title}__trigram_word_similar": term})
    return (
        rows.annotate(document=vector, name_document=name_vector, similarity=similarity)
        .filter(matched)
        .annotate(
            score=Case(
                When(Q(name_document=search), then=Value(20.0)),
                When(Q(similarity__gte=NAME_SIMILARITY), then=Value(10.0) + F("similarity")),
                default=Value(0.0),
                output_field=FloatField(),
            )
            + SearchRank(vector, search)
        )
    )


def _matches_postgresql(query: Query) -> list[dict]:
    scored = [
        _scored_postgresql(source, query, _rows(source)).values(*COLUMNS, "score")
        for source in sources()
    ]
    return list(
        scored[0].union(*scored[1:], all=True).order_by("-score", "result_title")[:MAX_RESULTS]
    )


def search(raw: str, request=None) -> Outcome:
    """Search every source for a visitor's query, best first, at most 30 results.

    On PostgreSQL, one SQL query. Elsewhere the published rows are read once per content version
    (kept like a page, see backcare.cache) and matched here, word by word.
    """
    query = clean_query(raw)
    outcome = Outcome(query=query)
    if not query.terms:
        return outcome
    if connection.vendor == "postgresql":
        rows = _matches_postgresql(query)
    else:
        documents = kept(request, "search:documents", _documents)
        rows = _matches_by_words(query, documents)[:MAX_RESULTS]
    by_kind = {source.kind: source for source in sources()}
    for row in rows:
        source = by_kind[row["result_kind"]]
        outcome.results.append(
            Result(
                kind=source.kind,
                label=source.label,
                title=highlight(row["result_title"], query.terms),
                url=source.url(row["result_key"]),
                snippet=snippet(row["result_text"], query.terms),
            )
        )
    return outcome
