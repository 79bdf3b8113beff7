"""The client address: X-Forwarded-For only from a trusted proxy, walked from the right."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from fating.core.http import client_address


def _address(remote: str, forwarded: str | None = None) -> str:
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/")
    request.META.update(headers)
    return client_address(request)


def test_without_trusted_proxies_the_peer_is_the_client() -> None:
    assert _address("198.51.100.4", "203.0.113.9") == "198.51.100.4"


@override_settings(FATING_TRUSTED_PROXIES=["10.0.0.5"])
def test_an_untrusted_peer_cannot_claim_an_address() -> None:
    assert _address("198.51.100.4", "203.0.113.9, 10.0.0.5") == "198.51.100.4"


@pytest.mark.parametrize(
    ("forwarded", "client"),
    [
        ("203.0.113.9", "203.0.113.9"),
        # A client's own forged entry is on the left of what our proxy appended.
        ("1.2.3.4, 203.0.113.9", "203.0.113.9"),
        # Two of our proxies in a row are both skipped.
        ("203.0.113.9, 10.0.0.7", "203.0.113.9"),
        ("[2001:db8::1]:4711", "2001:db8::1"),
        ("", "10.0.0.5"),
        ("not-an-address", "10.0.0.5"),
    ],
)
@override_settings(FATING_TRUSTED_PROXIES=["10.0.0.0/24"])
def test_behind_trusted_proxies_the_first_untrusted_hop_from_the_right(
    forwarded: str, client: str
) -> None:
    assert _address("10.0.0.5", forwarded) == client


def test_an_ipv4_client_on_an_ipv6_socket() -> None:
    assert _address("::ffff:192.0.2.1") == "192.0.2.1"
