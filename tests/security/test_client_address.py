"""The limits on guessing count the real client: X-Forwarded-For is believed only from trusted proxies, so
nobody can start afresh by sending a different one."""

import pytest
from django.test import RequestFactory

from coreflect.accounts.addresses import client_address


def request_from(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_with_no_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        ("10.0.0.2", "203.0.113.9", "203.0.113.9"),  # one proxy in front
        ("10.0.0.2", "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # the client made up the first hop
        ("10.0.0.2", "203.0.113.9, 10.0.0.3", "203.0.113.9"),  # two proxies of ours
        ("10.0.0.2", "not-an-address, 203.0.113.9", "203.0.113.9"),
        ("10.0.0.2", "203.0.113.9, not-an-address", "10.0.0.2"),  # our proxy would not write that
        ("10.0.0.2", "", "10.0.0.2"),
        ("203.0.113.50", "198.51.100.1", "203.0.113.50"),  # not through our proxy: the header is the client's own
        ("2001:db8::5", "203.0.113.9", "2001:db8::5"),
    ],
)
def test_behind_trusted_proxies_the_nearest_untrusted_hop_is_the_client(settings, remote, forwarded, client):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(request_from(remote, forwarded)) == client


def test_rotating_the_header_never_gives_a_new_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    seen = {client_address(request_from("10.0.0.2", f"198.51.100.{n}, 203.0.113.9")) for n in range(50)}
    assert seen == {"203.0.113.9"}


def test_a_setting_that_is_not_an_address_stops_start_up(tmp_path):
    from tests.test_settings import run_manage

    result = run_manage("check", env={"TRUSTED_PROXIES": "10.0.0.0/8,the-proxy", "COREFLECT_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0 and "TRUSTED_PROXIES must list IP addresses" in result.stderr
