"""A read the database dropped is run once more: a dropped connection costs no page.

A connection is checked when a request starts (CONN_HEALTH_CHECKS, or the pool's check), but
PostgreSQL can still end it while a request is using it: a restart, a failover, an idle-session
timeout, pg_terminate_backend. The request would then be a 500 although nothing was wrong with it.
For a GET or HEAD outside a transaction, which changes nothing and so can safely be run again,
`RetryReadsMiddleware` closes the broken connection and runs the view once more on a new one.
"""

import logging

from django.db import InterfaceError, OperationalError, connections, transaction

logger = logging.getLogger(__name__)
SAFE_METHODS = ("GET", "HEAD")


def can_run_again(request, exception) -> bool:
    """Whether this failed request is a read that lost its connection and may be run again."""
    if request.method not in SAFE_METHODS or request.resolver_match is None:
        return False
    if not isinstance(exception, (OperationalError, InterfaceError)):
        return False
    if getattr(request, "backcare_ran_again", False):
        return False  # once only: a database that is down stays a 500
    try:
        return transaction.get_autocommit()
    except (OperationalError, InterfaceError):
        return True  # the connection is too broken to say, so it holds no transaction either


class RetryReadsMiddleware:
    """Run a GET or HEAD view once more on a new connection when its connection broke."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not can_run_again(request, exception):
            return None
        request.backcare_ran_again = True
        logger.warning(
            "The database connection broke during %s %s (%s); running it once more.",
            request.method,
            request.path,
            type(exception).__name__,
        )
        connections.close_all()
        match = request.resolver_match
        response = match.func(request, *match.args, **match.kwargs)
        if callable(getattr(response, "render", None)) and not response.is_rendered:
            # The template may read the database too: render it here, where it may be retried.
            response.render()
        return response
