"""Search with SQLite's FTS5 in an in-memory database of this process, rebuilt per content version.

Built from every source's published rows in one query: a few milliseconds, once per content
version in each process, and nothing is written to the site's database.
"""

import json
import math
import re
import sqlite3
import threading

from ..cache import cache_version
from . import (
    CUT,
    FUZZY_TERM_LENGTH,
    MARK_END,
    MARK_START,
    MAX_RESULTS,
    SNIPPET_WORDS,
    STOPWORDS,
    Match,
    Query,
    Source,
    listed_sources,
    read_rows,
    snippet_line,
    sources,
)

# bm25's weights of a row's name, summary and the rest of its text.
WEIGHTS = "10.0, 4.0, 1.0"
# A word no row has is read as the names' words that hold the most of its trigrams, if they hold
# at least this share of them (pg_trgm's default threshold for its word similarity).
WORD_SIMILARITY = 0.6

SCHEMA = """
CREATE VIRTUAL TABLE documents USING fts5(
    title, summary, text, kind UNINDEXED, key UNINDEXED, url UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE name_words USING fts5(word, tokenize = 'trigram');
CREATE VIRTUAL TABLE name_trigrams USING fts5vocab(name_words, 'instance');
"""

# The best rows, a match in the name first, then by bm25. Only the rows shown are marked, and each
# with one snippet (they cost most): of the summary if it matches, else of the text if it matches.
BEST = f"""
WITH in_title AS (SELECT rowid FROM documents WHERE documents MATCH '{{title}} : ' || :words),
in_summary AS (SELECT rowid FROM documents WHERE documents MATCH '{{summary}} : ' || :words),
in_text AS (SELECT rowid FROM documents WHERE documents MATCH '{{text}} : ' || :words),
best AS (
    SELECT rowid, rowid IN in_title AS by_title, bm25(documents, {WEIGHTS}) AS score
    FROM documents WHERE documents MATCH :words AND kind IN (SELECT value FROM json_each(:listed))
    ORDER BY by_title DESC, score LIMIT {MAX_RESULTS}
)
SELECT kind, url, highlight(documents, 0, :start, :end),
    CASE WHEN documents.rowid IN in_summary OR (summary != '' AND documents.rowid NOT IN in_text)
        THEN snippet(documents, 1, :start, :end, :cut, {SNIPPET_WORDS})
        ELSE snippet(documents, 2, :start, :end, :cut, {SNIPPET_WORDS})
    END
FROM documents JOIN best ON best.rowid = documents.rowid
WHERE documents MATCH :words
ORDER BY best.by_title DESC, best.score
"""

KNOWN = "SELECT 1 FROM documents WHERE documents MATCH ? LIMIT 1"

# The rows of one kind whose name or summary holds every one of the words.
EVERY_WORD = "SELECT key FROM documents WHERE documents MATCH :words AND kind = :kind"

# The names' words that share at least :needed of a word's trigrams, with how many they share.
SPELLINGS = """
SELECT trim(name_words.word), count(DISTINCT term) FROM name_trigrams
JOIN name_words ON name_words.rowid = doc
WHERE term IN (SELECT value FROM json_each(:trigrams))
GROUP BY doc HAVING count(DISTINCT term) >= :needed
"""


def trigrams(word: str) -> list[str]:
    """Return a word's trigrams as the trigram tokenizer reads a name word: padded as pg_trgm does."""
    padded = f"  {word} "
    return sorted({padded[i : i + 3] for i in range(len(padded) - 2)})


def quoted(word: str) -> str:
    """Return a word as an FTS5 string: whatever it holds, never query syntax."""
    return '"' + word.replace('"', '""') + '"'


class Index:
    """The published rows in FTS5 tables of a private in-memory database."""

    def __init__(self, rows: list[tuple]):
        # Shared by the threads of a threaded server; `search_lock` makes them take turns.
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.executescript(SCHEMA)
        by_kind = {source.kind: source for source in sources()}
        self.db.executemany(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)",
            [(*row, by_kind[row[3]].url(row[4])) for row in rows],
        )
        words = {w for row in rows for w in re.findall(r"\w{3,}", row[0].lower())} - STOPWORDS
        self.db.executemany(
            "INSERT INTO name_words VALUES (?)", [(f"  {word} ",) for word in sorted(words)]
        )

    def spellings(self, term: str) -> list[str]:
        """Return the names' words a term is likely a misspelling of, if no row has the term."""
        if len(term) < FUZZY_TERM_LENGTH or self.db.execute(KNOWN, [quoted(term)]).fetchone():
            return []
        grams = trigrams(term)
        needed = math.ceil(WORD_SIMILARITY * len(grams))
        found = self.db.execute(SPELLINGS, {"trigrams": json.dumps(grams), "needed": needed})
        shared = dict(found.fetchall())
        most = max(shared.values(), default=0)
        return [word for word, count in shared.items() if count == most]

    def matches(self, query: Query) -> list[Match]:
        """Return the best rows for a query's terms, each term or a close spelling of it."""
        words = " OR ".join(
            "(" + " OR ".join(quoted(word) for word in [term, *self.spellings(term)]) + ")"
            for term in query.terms
        )
        listed = json.dumps([source.kind for source in listed_sources()])
        found = self.db.execute(
            BEST,
            {
                "words": f"({words})",
                "listed": listed,
                "start": MARK_START,
                "end": MARK_END,
                "cut": CUT,
            },
        )
        return [
            Match(kind, url, title, snippet_line(fragment)) for kind, url, title, fragment in found
        ]

    def rows_with_every_word(self, source: Source, query: Query) -> list[str]:
        """Return the keys of a source's rows whose name or summary holds every word, as written."""
        words = "{title summary} : (" + " AND ".join(quoted(t) for t in query.terms) + ")"
        return [
            key for (key,) in self.db.execute(EVERY_WORD, {"words": words, "kind": source.kind})
        ]


search_lock = threading.Lock()
# The index of the content version last searched in this process: (version, index).
latest: tuple[str | None, Index | None] = (None, None)


def forget_index() -> None:
    """Drop this process's index; the next search builds it again (for tests that roll back)."""
    global latest
    with search_lock:
        latest = (None, None)


def with_index(request, use):
    """Call use(index) with this process's index of the request's content version (built first
    if need be), one thread at a time."""
    global latest
    version = cache_version(request)
    with search_lock:
        kept_version, index = latest
        if index is None or version is None or version != kept_version:
            index = Index(read_rows())
            if version is not None:
                latest = (version, index)
        return use(index)


def matches(query: Query, request) -> list[Match]:
    """Search this process's index of the request's content version for the listed sources."""
    return with_index(request, lambda index: index.matches(query))


def rows_with_every_word(source: Source, query: Query, request) -> list[str]:
    """Return the keys of a source's rows whose name or summary holds every one of the words."""
    return with_index(request, lambda index: index.rows_with_every_word(source, query))
