"""Staff logins behind proxies: who the client is, and a limit on failures per address."""

import ipaddress
from datetime import timedelta
from functools import lru_cache

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.utils import timezone


def valid_ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


@lru_cache(maxsize=8)
def proxy_networks(addresses: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(address, strict=False) for address in addresses)


def is_trusted_proxy(address) -> bool:
    """Whether an address is one of our own proxies (BACKCARE_TRUSTED_PROXY_IPS)."""
    networks = proxy_networks(tuple(settings.BACKCARE_TRUSTED_PROXY_IPS))
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str | None:
    """Return the visitor's address, trusting X-Forwarded-For only from our own proxies.

    As gunicorn's forwarded_allow_ips: the header counts only when the connection comes from a
    proxy in BACKCARE_TRUSTED_PROXY_IPS. Each proxy appends the address it was reached from, so the
    client is the last entry that is not itself one of our proxies; anything before it is the
    client's own say. From any other peer the header is ignored, whatever it holds.
    """
    remote = valid_ip(request.META.get("REMOTE_ADDR", ""))
    if not is_trusted_proxy(remote):
        return str(remote) if remote else None
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for part in reversed([part.strip() for part in forwarded if part.strip()]):
        address = valid_ip(part)
        if address is None:
            # Garbage where a proxy of ours would have written an address: not from our chain.
            break
        if not is_trusted_proxy(address):
            return str(address)
    return str(remote)


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
