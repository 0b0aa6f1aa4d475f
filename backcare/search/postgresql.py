"""Search with PostgreSQL in one query: full text (English stems) ranks, trigrams catch misspellings.

Each source's weighted document is the expression of its GIN index, and the name's trigram
similarity uses its trigram index (`backcare/migration_operations.py`).
"""

import re
from functools import reduce
from operator import or_

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import models
from django.db.models import Case, F, FloatField, Func, Q, TextField, Value, When
from django.db.models.functions import Cast, Greatest, Replace

from . import (
    CUT,
    FUZZY_TERM_LENGTH,
    MARK_END,
    MARK_START,
    MAX_RESULTS,
    SNIPPET_WORDS,
    Match,
    Query,
    Source,
    listed_sources,
    snippet_line,
)

# A misspelt or shortened name still matches from this trigram word similarity (0 to 1): pg_trgm's
# own word_similarity_threshold, which its `%>` operator (and so the name's GinIndex) uses.
NAME_SIMILARITY = 0.6
WORD = re.compile(r"\w")
# ts_headline leaves out whatever its parser reads as an HTML tag; "<" goes in as this instead, so
# a name or text shows as staff wrote it (escaped).
LESS_THAN = "\ue003"


def as_written(text: str) -> str:
    """Put back the "<" that went into ts_headline as LESS_THAN."""
    return text.replace(LESS_THAN, "<")


def lines_of(names: tuple[str, ...]):
    """Return these text fields of a row as one text, a field a line (one flat SQL function)."""
    if not names:
        return Value("", output_field=TextField())
    return Func(Value("\n"), *names, function="concat_ws", output_field=TextField())


def headline(expression, query, **options) -> SearchHeadline:
    """Return ts_headline of an expression, its matches between our marks, its "<" kept."""
    return SearchHeadline(
        Replace(expression, Value("<"), Value(LESS_THAN)),
        query,
        config="english",
        start_sel=MARK_START,
        stop_sel=MARK_END,
        **options,
    )


def scored(source: Source, query: Query) -> models.QuerySet:
    """Return this source's matching rows, scored: name matches first, then by full-text rank."""
    search = reduce(or_, (SearchQuery(term, config="english") for term in query.terms))
    loose = [t for t in query.terms if len(t) >= FUZZY_TERM_LENGTH and source.fuzzy_title]
    matched = reduce(
        or_,
        (Q(**{f"{source.title}__trigram_word_similar": term}) for term in loose),
        Q(document=search),
    )
    similarities = [TrigramWordSimilarity(term, source.title) for term in loose]
    # A name found by a misspelling has its words marked that begin as the misspelt word does.
    in_title = reduce(
        or_,
        (SearchQuery(f"'{term[:4]}':*", config="simple", search_type="raw") for term in loose),
        search,
    )
    text = lines_of((*source.summary, *source.text))
    return (
        source.queryset()
        .order_by()
        .annotate(
            document=source.vector(),
            name_document=SearchVector(source.title, config="english"),
            similarity=Greatest(*similarities, Value(0.0)) if similarities else Value(0.0),
        )
        .filter(matched)
        .annotate(
            result_kind=Value(source.kind, output_field=models.CharField()),
            result_key=Cast(F(source.key), models.TextField()),
            result_name=Cast(source.title, models.TextField()),
            result_title=headline(source.title, in_title, highlight_all=True),
            result_text=text,
            result_snippet=headline(
                text,
                search,
                max_words=SNIPPET_WORDS,
                min_words=SNIPPET_WORDS // 2,
                short_word=0,
                max_fragments=1,
            ),
            score=Case(
                When(Q(name_document=search), then=Value(20.0)),
                When(Q(similarity__gte=NAME_SIMILARITY), then=Value(10.0) + F("similarity")),
                default=Value(0.0),
                output_field=FloatField(),
            )
            + SearchRank(F("document"), search),
        )
        .values_list(*COLUMNS)
    )


COLUMNS = (
    "result_kind",
    "result_key",
    "result_name",
    "result_title",
    "result_text",
    "result_snippet",
    "score",
)


def with_cuts(fragment: str, text: str) -> str:
    """Mark where a headline leaves out words of its text before or after it, as snippet() does."""
    plain = fragment.replace(MARK_START, "").replace(MARK_END, "")
    start = text.find(plain)
    if start < 0:
        return CUT + fragment + CUT
    before = CUT if WORD.search(text, 0, start) else ""
    after = CUT if WORD.search(text, start + len(plain)) else ""
    return before + fragment + after


def matches(query: Query, request) -> list[Match]:
    """Search every source's published rows in one query."""
    listed = listed_sources()
    rows = [scored(source, query) for source in listed]
    best = rows[0].union(*rows[1:], all=True).order_by("-score", "result_name")[:MAX_RESULTS]
    by_kind = {source.kind: source for source in listed}
    return [
        Match(
            kind,
            by_kind[kind].url(key),
            as_written(title),
            snippet_line(with_cuts(as_written(fragment), text)),
        )
        for kind, key, _, title, text, fragment, _ in best
    ]


def rows_with_every_word(source: Source, query: Query, request) -> list[str]:
    """Return the keys of a source's rows whose name or summary holds every one of the words."""
    every = SearchQuery(" ".join(query.terms), config="english", search_type="plain")
    return [
        str(key)
        for key in source.queryset()
        .annotate(words=SearchVector(source.title, *source.summary, config="english"))
        .filter(words=every)
        .values_list(source.key, flat=True)
    ]
