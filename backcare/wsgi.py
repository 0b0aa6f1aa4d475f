"""WSGI entry point (gunicorn, runserver): Django's handler, with a request that never fails to build.

Django builds the request before any middleware runs and raises BadRequest there for a Content-Type
it cannot parse, which no handler catches: the server answered 500. This request keeps the problem
instead, and backcare.middleware.RequestGuardMiddleware answers it with the site's 400 page.
"""

import os

from django.core.exceptions import BadRequest
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backcare.settings")


class GuardedWSGIRequest(WSGIRequest):
    unreadable: BadRequest | None = None

    def _set_content_type_params(self, meta):
        try:
            super()._set_content_type_params(meta)
        except BadRequest as problem:
            self.content_type, self.content_params = "", {}
            self.unreadable = problem


class GuardedWSGIHandler(WSGIHandler):
    request_class = GuardedWSGIRequest


def get_wsgi_application():
    import django

    django.setup(set_prefix=False)
    return GuardedWSGIHandler()


application = get_wsgi_application()
