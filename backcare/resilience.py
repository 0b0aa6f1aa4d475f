"""A read the database dropped is run once more: a dropped connection costs no page.

A connection is checked when a request starts (CONN_HEALTH_CHECKS, or the pool's check), but
PostgreSQL can still end it while a request is using it: a restart, a failover, an idle-session
timeout, pg_terminate_backend. The request would then be a 500 although nothing was wrong with it.
For a read outside a transaction, which changes nothing and so can safely be run again,
`RetryReadsMiddleware` closes the broken connections and runs the request once more on new ones. A
read is a GET or HEAD, or a post to a view marked `private_answers` (the checklist), which by that
mark stores and changes nothing.

It stands in front of the page cache, whose content-version query is the first any request makes,
so a failure there is covered as well as one in a view. Django turns an exception into the 500
page in the layer where it happens; `got_request_exception` tells this middleware which exception
it was. The first attempt's error is not logged (`HideRetriedErrors`); a second failure is, in full.

The connection pool lends connections unchecked (psycopg_pool's own check waits a second or more
after each dead connection it finds, see settings.py): a read meets a dead one at its first query
and is run again on a connection `checked_connection` has tried, and a request that may write (a
POST, never run twice) is given such a connection before it starts. Either way a dead connection
is swapped for a new one at once.
"""

import contextlib
import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connection, connections, transaction
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)
SAFE_METHODS = ("GET", "HEAD")


def note_database_error(sender, request=None, **kwargs):
    """Remember on the request that it failed because of its database connection."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, (OperationalError, InterfaceError)):
        request.backcare_database_error = error


got_request_exception.connect(note_database_error, dispatch_uid="backcare-database-error")


def is_read(request) -> bool:
    """Whether the request only reads: a GET or HEAD, or an answer to a `private_answers` view."""
    if request.method in SAFE_METHODS:
        return True
    match = request.resolver_match
    if match is None:
        # It failed before URL resolution (the page cache's query): find the view now.
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
    return getattr(match.func, "private_answers", False)


def can_run_again(request) -> bool:
    """Whether this failed request is a read that lost its connection and may be run again."""
    if not is_read(request) or getattr(request, "backcare_ran_again", False):
        return False
    if getattr(request, "backcare_database_error", None) is None:
        return False
    try:
        return transaction.get_autocommit()
    except (OperationalError, InterfaceError):
        return True  # the connection is too broken to say, so it holds no transaction either


def checked_connection(database=connection, tries: int = 20) -> None:
    """Make sure the connection answers, closing dead ones (the pool replaces them) until one does.

    After PostgreSQL has ended every connection, a pool holds several dead ones: each is found with
    one round trip and closed. A database that cannot be reached at all raises, as the request's
    own first query would.
    """
    for _ in range(tries - 1):
        database.ensure_connection()
        try:
            with database.cursor() as cursor:
                cursor.execute("SELECT 1")
        except (OperationalError, InterfaceError):
            database.close()
        else:
            return
    database.ensure_connection()


class RetryReadsMiddleware:
    """Run a read once more on new connections when its database connection broke."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_read(request):
            # It may write, so it is never run twice: give it a connection that answers.
            checked_connection()
        response = self.get_response(request)
        if response.status_code == 500 and can_run_again(request):
            logger.warning(
                "The database connection broke during %s %s (%s); running it once more.",
                request.method,
                request.path,
                type(request.backcare_database_error).__name__,
            )
            request.backcare_ran_again = True
            connections.close_all()
            # A database down for good fails the second attempt too: that is the 500 page.
            with contextlib.suppress(OperationalError, InterfaceError):
                checked_connection()
            response = self.get_response(request)
        return response


class HideRetriedErrors(logging.Filter):
    """Leave out the error report of a request's first attempt: it is run once more."""

    def filter(self, record):
        request = getattr(record, "request", None)
        return not (
            getattr(record, "status_code", None) == 500
            and getattr(request, "backcare_database_error", None) is not None
            and not getattr(request, "backcare_ran_again", False)
            and is_read(request)
        )
