"""200 participants sending their answers at the same moment, against the live server: every one is kept.

SQLite's default set-up (WAL, immediate transactions, a busy timeout) must make writers queue rather
than fail; the same test runs on PostgreSQL in CI.
"""

import http.cookiejar
import re
import threading
import urllib.parse
import urllib.request

import pytest
from django.urls import reverse

from coreflect.reflections.models import Participant, Response

from .conftest import make_round

PARTICIPANTS = 200


class Browserless:
    """One participant's cookies and forms, over plain HTTP."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        with self.opener.open(self.base + path, timeout=120) as response:
            return response.read().decode()

    def post(self, path, data, page):
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        with self.opener.open(request, timeout=120) as response:
            return response.status, response.read().decode()


@pytest.mark.django_db(transaction=True)
def test_two_hundred_participants_submit_at_the_same_moment(live_server, riverside, alice):
    round_ = make_round(riverside, alice)
    perspective_ids = list(round_.perspectives.values_list("pk", flat=True))
    code = round_.link_code
    ready = threading.Barrier(PARTICIPANTS, timeout=300)
    failures = []

    def take_part(number):
        try:
            person = Browserless(live_server.url)
            path = reverse("journey:perspective", args=[code])
            person.post(path, {"perspective": perspective_ids[number % len(perspective_ids)]}, person.get(path))
            principle = reverse("journey:principle", args=[code, "people-as-assets"])
            stage = ["not-yet", "basics", "getting-there", "doing-really-well"][number % 4]
            person.post(
                principle,
                {"stage": stage, "evidence": f"Participant {number}", "action": "continue"},
                person.get(principle),
            )
            check = reverse("journey:check", args=[code])
            page = person.get(check)
            ready.wait()  # everyone presses "Send" together
            status, body = person.post(check, {}, page)
            if "your answers have been sent" not in body:
                failures.append((number, status, body[:200]))
        except Exception as error:
            failures.append((number, repr(error)))

    threads = [threading.Thread(target=take_part, args=(n,)) for n in range(PARTICIPANTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)

    assert failures == []
    assert Participant.objects.filter(round=round_, submitted_at__isnull=False).count() == PARTICIPANTS
    evidence = set(Response.objects.filter(participant__round=round_).values_list("evidence", flat=True))
    assert evidence == {f"Participant {n}" for n in range(PARTICIPANTS)}
