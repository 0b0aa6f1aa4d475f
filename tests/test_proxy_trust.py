"""X-Forwarded-For counts only on a connection from one of our own proxies (by address)."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from backcare.security import client_ip

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PROXY = "10.0.0.2"


def login(client, password, peer, forwarded_for):
    return client.post(
        LOGIN,
        {"username": "editor", "password": password, "next": "/admin/"},
        REMOTE_ADDR=peer,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_a_spoofed_forwarded_for_from_a_peer_that_is_no_proxy_does_not_escape_the_lockout(
    editor, settings
):
    settings.BACKCARE_TRUSTED_PROXY_IPS = [PROXY]
    attacker = Client()
    statuses = [
        login(attacker, "wrong", peer="203.0.113.5", forwarded_for=f"198.51.100.{n}").status_code
        for n in range(12)
    ]
    assert 429 in statuses
    response = login(
        attacker, "a-long-editor-password", peer="203.0.113.5", forwarded_for="198.51.100.200"
    )
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert attacker.get(reverse("admin:index")).status_code == 302


def test_through_our_proxy_each_visitor_is_counted_by_their_own_address(editor, settings):
    settings.BACKCARE_TRUSTED_PROXY_IPS = [PROXY]
    attacker = Client()
    for _ in range(6):
        login(attacker, "wrong", peer=PROXY, forwarded_for="203.0.113.5")
    assert login(attacker, "wrong", peer=PROXY, forwarded_for="203.0.113.5").status_code == 429
    colleague = login(Client(), "a-long-editor-password", peer=PROXY, forwarded_for="198.51.100.7")
    assert colleague.status_code == 302


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "client"),
    [
        # No proxy configured would be the default; here one is, and the peer is not it.
        ("203.0.113.5", "198.51.100.1", "203.0.113.5"),
        # Our proxy appended the address it saw after what the visitor wrote.
        (PROXY, "192.0.2.1, 203.0.113.5", "203.0.113.5"),
        # Two of our proxies in a row: the visitor is the last address that is not one of ours.
        (PROXY, "203.0.113.5, 10.0.0.3", "203.0.113.5"),
        # A proxy of ours with no header: the proxy itself.
        (PROXY, "", PROXY),
        # Garbage where our proxy writes an address: not trusted.
        (PROXY, "not-an-address", PROXY),
    ],
)
def test_the_client_address_is_read_from_the_header_only_behind_our_proxies(
    settings, peer, forwarded_for, client
):
    settings.BACKCARE_TRUSTED_PROXY_IPS = [PROXY, "10.0.0.3/32"]
    request = RequestFactory().get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_ip(request) == client


def test_with_no_proxy_configured_the_header_never_counts(settings):
    settings.BACKCARE_TRUSTED_PROXY_IPS = []
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(request) == PROXY
