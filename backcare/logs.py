"""Logging filters (settings.LOGGING)."""

import logging


class ClientErrorsInOneLine(logging.Filter):
    """Log a 4xx as its one-line message: a client's bad request is no reason for a traceback."""

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
