"""Staff logins behind proxies: who the client is, and a limit on failures per address."""

import ipaddress
from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.utils import timezone


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """Return the visitor's address, trusting X-Forwarded-For only as far as our own proxies.

    Each of the BACKCARE_TRUSTED_PROXIES proxies appends the address it was reached from, so the
    client is the entry that many places from the end; anything before it is the client's own say.
    With no trusted proxy (the default) the header is ignored entirely.
    """
    remote = _valid_ip(request.META.get("REMOTE_ADDR", "")) or None
    proxies = settings.BACKCARE_TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part.strip() for part in forwarded if part.strip()]
    if len(forwarded) < proxies:
        # The header is shorter than our own chain of proxies: it did not come through them.
        return remote
    return _valid_ip(forwarded[-proxies]) or remote


def failures_from_address(ip: str | None) -> int:
    """Count the failed logins from this address, for any username, within the cool-off time."""
    if not ip:
        return 0
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    total = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0


class AxesBackend(AxesStandaloneBackend):
    """django-axes' lockout per username and address, plus a limit per address across usernames."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None and settings.AXES_ENABLED:
            limit = settings.BACKCARE_LOGIN_FAILURES_PER_ADDRESS
            if failures_from_address(get_client_ip_address(request)) >= limit:
                # The flag AxesMiddleware turns into the lockout page, as AxesStandaloneBackend sets it.
                request.axes_locked_out = True
                # A backend's PermissionDenied stops Django's authenticate() and counts a failure.
                raise PermissionDenied("Too many failed logins from this address")
        return super().authenticate(request, username=username, password=password, **kwargs)
