"""WSGI entry point (gunicorn, runserver): Django's application, wrapped so that a request Django
cannot even build gets the site's 400 page (see backcare.middleware.AnswerUnreadableRequests)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backcare.settings")

application = get_wsgi_application()

# Imported once Django is set up, as Django's documentation wraps an application in WSGI middleware.
from backcare.middleware import AnswerUnreadableRequests  # noqa: E402

application = AnswerUnreadableRequests(application)
