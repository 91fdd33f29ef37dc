"""The shape every permission test in Coreflect takes: one row per URL and kind of visitor.

A row says who visits (`anonymous`, or a named person from conftest) and what they get:
`SIGN_IN` (redirected to the sign-in page), `NO_ORG` (redirected to the dashboard to set up or
join an organisation), or a status code. Later features add rows in the same shape.
"""

from urllib.parse import urlparse

import pytest
from django.urls import reverse

SIGN_IN = "sign-in"
NO_ORG = "no-organisation"


def check_visit(client, method, url, expected):
    response = getattr(client, method)(url)
    if expected == SIGN_IN:
        assert response.status_code == 302, f"{url}: {response.status_code}"
        assert urlparse(response["Location"]).path == reverse("accounts:sign-in")
    elif expected == NO_ORG:
        assert response.status_code == 302, f"{url}: {response.status_code}"
        assert response["Location"] == reverse("organisations:dashboard")
    else:
        assert response.status_code == expected, f"{method.upper()} {url} gave {response.status_code}, not {expected}"
    return response


MATRIX_ARGUMENTS = ("name", "target", "method", "visitor", "expected")


def matrix_rows(matrix):
    """pytest parameters for a table of (url name, target, method, {visitor: expected}) rows."""
    return [
        pytest.param(name, target, method, visitor, expected, id=f"{name}-{target}-{method}-{visitor}")
        for name, target, method, expectations in matrix
        for visitor, expected in expectations.items()
    ]
