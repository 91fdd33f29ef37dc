"""The workshop scenario of `make bench`: a room of phones (1,000 by default) joins one workshop, votes on four
principles, posts ideas, spends its dots and polls, against the service as production runs it.

The facilitator's steps (voting on the next principle, the dots) are taken in this process, through the
workshop's services, between the phones' phases, as the console would. Afterwards the votes are counted in
the database: every vote a phone was told was taken must be there (lost votes: 0).
"""

import html
import random
import re
import threading
import time
from dataclasses import dataclass, field

from loadgen import Browser, Figures, Recorder, RequestFailed, csrf_token, figures, form_fields, run_clients

PHONES = 1000
PRINCIPLES = 4
THREADS = 8  # the phones are driven by this many clients at once, each taking its share of phones in turn
IDEA_EVERY = 4  # one phone in this many posts an idea on each principle
DOTS = 3
TARGET_POLL = 0.5  # an unchanged poll: at least this share of the no-op floor's requests per second


@dataclass
class WorkshopPlan:
    code: str
    pk: int
    round_pk: int
    principle_keys: list


@dataclass
class Room:
    """What the phones' phases did, for the table and the lost-vote count."""

    joined: int = 0
    votes_taken: int = 0
    ideas: int = 0
    dots: int = 0
    failures: list = field(default_factory=list)
    recorder: Recorder = field(default_factory=Recorder)
    seconds: dict = field(default_factory=dict)  # label -> seconds its phases took (ideas are sent while voting)


def seed(round_, facilitator) -> WorkshopPlan:
    from coreflect.workshops import services

    workshop = services.start_workshop(round_, started_by=facilitator)
    keys = [row.key for row in round_.framework_version.principle_rows.order_by("position")][:PRINCIPLES]
    return WorkshopPlan(workshop.code, workshop.pk, round_.pk, keys)


def _facilitator_moves(plan: WorkshopPlan, step: str, key: str | None = None) -> None:
    from coreflect.workshops import services
    from coreflect.workshops.models import Workshop

    workshop = Workshop.objects.get(pk=plan.pk)
    principle = workshop.round.framework_version.principle_rows.get(key=key) if key else None
    services.go_to(workshop, step, principle)


def _in_turn(phones: list, threads: int, work, room: Room) -> float:
    """Each of `threads` clients takes its share of the phones in turn and does `work(phone)`; seconds taken."""

    def client(number):
        for phone in phones[number::threads]:
            try:
                work(phone)
            except RequestFailed as error:
                room.failures.append(str(error))
            except Exception as error:  # a broken phone is counted; the others carry on
                room.failures.append(f"{type(error).__name__}: {error}")

    started = time.perf_counter()
    running = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join(timeout=900)
    return time.perf_counter() - started


def phones_in_the_room(base, plan: WorkshopPlan, *, phones: int = PHONES, threads: int = THREADS) -> tuple[Room, list]:
    """Join, vote on each principle (with ideas), then spend the dots. Returns the room and the phones."""
    room = Room()
    room.recorder.open = True
    code = plan.code
    browsers = [Browser(base, room.recorder) for _ in range(phones)]
    lock = threading.Lock()

    def join(number_and_browser):
        number, browser = number_and_browser
        page = browser.get(f"/w/{code}/join/", label="join")
        choices = [value for _kind, value in form_fields(page).get("perspective", [])]
        if not choices:
            raise RequestFailed("no perspectives to choose from")
        data = {"csrfmiddlewaretoken": csrf_token(page), "perspective": choices[number % len(choices)]}
        browser.post(f"/w/{code}/join/", data, label="join")
        with lock:
            room.joined += 1
        browser.close()  # a phone in a room does not hold a connection open

    numbered = list(enumerate(browsers))
    room.seconds["join"] = _in_turn(numbered, threads, join, room)

    for key in plan.principle_keys:
        _facilitator_moves(plan, "voting", key)

        def vote(number_and_browser, key=key):
            number, browser = number_and_browser
            rng = random.Random(f"{number}:{key}")  # noqa: S311 - made-up votes, not secrets
            page = browser.get(f"/w/{code}/", label="phone page")
            fields = form_fields(page)
            data = {"csrfmiddlewaretoken": csrf_token(page)}
            for name in ("stage", "rag"):
                values = [value for _kind, value in fields.get(name, [])]
                if values:
                    data[name] = rng.choice(values)
            browser.post(f"/w/{code}/vote/{key}/", data, label="vote")
            with lock:
                room.votes_taken += 1
            if number % IDEA_EVERY == 0:
                idea = {"csrfmiddlewaretoken": data["csrfmiddlewaretoken"], "idea": f"Idea {number} for {key}"}
                browser.post(f"/w/{code}/ideas/{key}/", idea, label="idea")
                with lock:
                    room.ideas += 1
            browser.close()

        room.seconds["vote"] = room.seconds.get("vote", 0.0) + _in_turn(numbered, threads, vote, room)
    room.seconds["idea"] = room.seconds["vote"]

    _facilitator_moves(plan, "dots")

    def spend(number_and_browser):
        number, browser = number_and_browser
        page = browser.get(f"/w/{code}/", label="phone page")
        ideas = sorted({int(pk) for pk in re.findall(rf"/w/{code}/dots/(\d+)/", page)})
        if len(ideas) < DOTS:
            raise RequestFailed(f"only {len(ideas)} ideas to put dots on")
        rng = random.Random(number)  # noqa: S311 - made-up choices, not secrets
        token = csrf_token(page)
        for pk in rng.sample(ideas, DOTS):
            browser.post(f"/w/{code}/dots/{pk}/", {"csrfmiddlewaretoken": token}, label="dot")
            with lock:
                room.dots += 1
        browser.close()

    room.seconds["dot"] = _in_turn(numbered, threads, spend, room)
    room.recorder.open = False
    return room, browsers


def polls(base, plan: WorkshopPlan, browsers: list, clients: int, duration: float) -> Figures:
    """Phones polling their fragment while nothing changes: each client takes turns as many phones, each
    sending the ETag it last saw, as live.mjs does."""
    code = plan.code

    def setup(browser, number):
        jars = []
        for phone in browsers[number::clients][:50]:
            browser.cookies = dict(phone.cookies)
            page = browser.get(f"/w/{code}/")
            found = re.search(r'data-live-url="([^"]+)"', page)
            if not found:
                raise RequestFailed("no live fragment on the phone page")
            url = html.unescape(found.group(1))
            browser.get(url)
            jars.append((dict(browser.cookies), url, browser.last_etag))
        return {"turn": 0, "jars": jars}

    def step(browser, state):
        state["turn"] += 1
        jar, url, etag = state["jars"][state["turn"] % len(state["jars"])]
        browser.cookies = jar
        browser.request("GET", url, headers={"If-None-Match": etag}, label="poll", expect=(304,))

    return run_clients(base, clients=clients, duration=duration, setup=setup, step=step, label="poll")


def lost_votes(plan: WorkshopPlan, room: Room) -> tuple[int, int]:
    """(votes stored, votes lost): every vote a phone was told was taken must be in the database, once, and be
    the participant's answer in the round."""
    from coreflect.reflections.models import Participant
    from coreflect.workshops.models import Vote

    stored = Vote.objects.filter(workshop_id=plan.pk).count()
    sent = Participant.objects.filter(round_id=plan.round_pk, submitted_at__isnull=False).count()
    return stored, max(room.votes_taken - stored, 0) + max(room.joined - sent, 0)


def room_figures(room: Room, label: str) -> Figures:
    """A label's figures, its requests per second worked out over the phases it was sent in (the page each
    phone loads before voting or spending dots is timed under its own label)."""
    return figures(room.recorder.samples.get(label, []), room.seconds.get(label, 0.0))
