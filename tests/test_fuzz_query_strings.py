"""No query string, however odd, makes any page fail with a server error.

Every GET view in the URL map is visited with hypothesis-made query strings: the parameter names the
views read, and others, with huge and negative numbers, unicode, NUL bytes, very long and empty values,
and repeated keys. Alice (an admin) visits every page; a participant who has joined a round visits the
journey pages. A new URL pattern must get a way to fill its path in `PATH_ARGUMENTS`, or this file fails.
"""

import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coreflect.actions import services as actions
from coreflect.exports import share
from coreflect.frameworks import services as frameworks
from coreflect.frameworks.models import Framework
from coreflect.organisations import services as organisations
from coreflect.reflections import paper
from coreflect.workshops import ideas as workshop_ideas
from coreflect.workshops import services as workshops
from tests.co_leads import invite as invite_co_lead
from tests.co_leads import make_co_lead
from tests.conftest import make_person
from tests.reflections.conftest import Visitor, make_round

BUILT_IN = "how-are-you-doing-2011"
NO_WORKSHOP = "7KMQ4X"  # a workshop code no workshop has (phones' pages answer it after counting a wrong try)

# Django's own admin is for staff and reads its query strings itself; Alice is not staff.
NOT_FUZZED_NAMESPACES = {"admin"}

# How to fill each URL's path parameters from the world below: url name -> world -> reverse() args.
PATH_ARGUMENTS = {
    "journey:start": lambda w: [w["code"]],
    "journey:perspective": lambda w: [w["code"]],
    "journey:resume": lambda w: [w["code"], w["resume_token"]],
    "journey:invited": lambda w: [w["code"]],
    "journey:invited-link": lambda w: [w["code"], "not-a-personal-token"],
    "journey:tasks": lambda w: [w["code"]],
    "journey:principle": lambda w: [w["code"], "reciprocity"],
    "journey:later": lambda w: [w["code"]],
    "journey:email-link": lambda w: [w["code"]],
    "journey:check": lambda w: [w["code"]],
    "journey:submitted": lambda w: [w["code"]],
    "journey:delete": lambda w: [w["code"]],
    "journey:wording": lambda w: [w["code"]],
    "accounts:password-reset-confirm": lambda w: [w["uidb64"], w["reset_token"]],
    "account_reset_password_from_key": lambda w: [w["uidb64"], w["reset_token"]],
    "mfa_edit_webauthn": lambda w: [1],
    "mfa_remove_webauthn": lambda w: [1],
    "organisations:member-role": lambda w: [w["membership"]],
    "organisations:member-remove": lambda w: [w["membership"]],
    "organisations:invitation-cancel": lambda w: [w["invitation"]],
    "organisations:accept-invitation": lambda w: [w["invitation_token"]],
    "frameworks:json": lambda w: [BUILT_IN],
    "frameworks:detail": lambda w: [BUILT_IN],
    "frameworks:print": lambda w: [BUILT_IN],
    "frameworks:pdf": lambda w: [BUILT_IN],
    "frameworks:copy": lambda w: [BUILT_IN],
    "frameworks:edit": lambda w: [w["copy"]],
    "frameworks:edit-section": lambda w: [w["copy"], "reciprocity"],
    "frameworks:checks": lambda w: [BUILT_IN],
    "frameworks:picture": lambda w: ["1.not-a-signature"],
    "reflections:paper-change": lambda w: [w["round"], w["paper"]],
    "reflections:paper-delete": lambda w: [w["round"], w["paper"]],
    "actions:shortlist": lambda w: [w["round"], w["idea"]],
    "results:outcome": lambda w: [w["action"]],  # an action's outcome, with its round's results beside it
    "actions:why-not": lambda w: [w["round"], w["idea"]],
    "happened:participant": lambda w: [w["code"]],
    "happened:public": lambda w: [w["code"]],
    "follow:add": lambda w: [w["code"]],
    "follow:remove": lambda w: ["no-such-follower"],
    "language:edit": lambda w: [2**31 - 1],  # no such entry: a 404, never a 500
    "language:remove": lambda w: [2**31 - 1],
    "language:switch-off": lambda w: ["service-users"],
    "language:switch-on": lambda w: ["service-users"],
    "phone:join-own": lambda w: [w["code"]],
    "phone:page": lambda w: [NO_WORKSHOP],
    "phone:join-code": lambda w: [NO_WORKSHOP],
    "phone:live": lambda w: [NO_WORKSHOP],
    "phone:vote": lambda w: [NO_WORKSHOP, "reciprocity"],
    "phone:reply": lambda w: [NO_WORKSHOP, "reciprocity"],
    "phone:idea": lambda w: [NO_WORKSHOP, "reciprocity"],
    "phone:dot": lambda w: [NO_WORKSHOP, 1],
}
ROUND_PAGES = {"reflections", "results", "exports"}  # every <int:pk> in these namespaces, and actions:ideas, is a round
ACTION_PAGES = {"actions:detail", "actions:edit", "actions:note", "actions:contribution"}
# The facilitator's workshop pages: the round's running workshop (and an idea posted in it).
PATH_ARGUMENTS |= {
    "workshops:start": lambda w: [w["round"]],
    "workshops:hide-idea": lambda w: [w["workshop"], w["posted_idea"]],
    **{
        f"workshops:{name}": (lambda w: [w["workshop"]])
        for name in (
            "console", "console-live", "step", "hands", "agree", "dissent", "finish", "add-idea", "merge-ideas",
            "dots", "make-action", "projector", "projector-live", "record",
        )
    },
}  # fmt: skip

# A large round's report job: none in the world, so a job id no job has (a 404, never a 500).
PATH_ARGUMENTS |= {
    "exports:report-job": lambda w: [w["round"], 2**31 - 1],
    "exports:report-job-download": lambda w: [w["round"], 2**31 - 1],
    "exports:share-withdraw": lambda w: [w["round"], w["share_link"]],
    "exports:shared-report": lambda w: [w["share_token"]],
    "exports:shared-report-pdf": lambda w: [w["share_token"]],
    "reflections:co-lead-remove": lambda w: [w["round"], w["co_lead"]],
    "reflections:co-lead-cancel": lambda w: [w["round"], w["co_lead_invitation"]],
    "reflections:co-lead-accept": lambda w: [w["co_lead_token"]],
}

# The parameter names the views read (grep request.GET), and a few they do not.
KEYS = [
    "round", "idea", "principle", "status", "owner", "lens", "overdue", "sort", "perspective", "stage",
    "page", "version", "next", "q", "code", "token", "pk", "lang", "section", "auto",
]  # fmt: skip
ODD_VALUES = [
    "", "0", "-1", "999999999999999999999999999999", "9999999999999999999", "-99999999999999999999",
    "1e309", "NaN", "²", "١٢", "\x00", "1\x00", "☃", "𝟘𝟙", " 1 ", "1.5", "9" * 5000, "x" * 5000,
]  # fmt: skip
values = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.text(max_size=40),
)
pairs = st.lists(st.tuples(st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=10)), values), max_size=6)
every_key_one_value = st.one_of(st.sampled_from(ODD_VALUES), values).map(lambda v: urlencode([(k, v) for k in KEYS]))
query_strings = st.one_of(
    every_key_one_value,
    pairs.map(urlencode),
    st.tuples(st.sampled_from(KEYS), values, values).map(lambda t: urlencode([(t[0], t[1]), (t[0], t[2])])),
    st.text(max_size=60),  # not even key=value
)


def url_names(patterns=None, namespace=""):
    """Every named (or unnamed) URL pattern in the map, as (url name, pattern) pairs."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}".strip(":") if pattern.namespace else namespace
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}:{pattern.name}" if namespace else str(pattern.name)), pattern


FUZZED = sorted(
    {name for name, _pattern in url_names() if name.split(":")[0] not in NOT_FUZZED_NAMESPACES and name != "None"}
)


def path_arguments(name: str, world: dict) -> list:
    if name in PATH_ARGUMENTS:
        return PATH_ARGUMENTS[name](world)
    pattern = dict(url_names())[name]
    converters = list(pattern.pattern.converters)
    if not converters:
        return []
    if converters == ["pk"] and (name.split(":")[0] in ROUND_PAGES or name == "actions:ideas"):
        return [world["round"]]
    if converters == ["pk"] and name in ACTION_PAGES:
        return [world["action"]]
    raise AssertionError(f"{name} has path parameters {converters}: add a way to fill them to PATH_ARGUMENTS")


@pytest.fixture
def world(riverside, alice, bob):
    round_ = make_round(riverside, alice)
    visitor = Visitor(round_)
    visitor.join()
    resume_token = re.search(r"/resume/([^/]+)/", visitor.resume_link()).group(1)
    perspective = round_.perspectives.first()
    typed_in, _stored = paper.enter_paper_response(
        round_, perspective, name="", entered_by=alice, answers=[], key=paper.new_form_key()
    )
    principle = round_.framework_version.principle_rows.get(key="reciprocity")
    action = actions.create_action(
        organisation=riverside, created_by=alice, principles=[principle], what="Co-design the leaflet", round=round_
    )
    idea = actions.add_idea(round_, principle=principle, text="An idea")
    invitation, invitation_token = organisations.invite(
        organisation=riverside, email="new@example.org", role="viewer", invited_by=alice
    )
    workshop = workshops.start_workshop(round_, started_by=alice)
    posted = workshop_ideas.post_idea(workshop, principle, "A workshop idea")
    copy = frameworks.copy_framework(
        Framework.objects.get(slug=BUILT_IN).current_version, organisation=riverside, title="Ours", created_by=alice
    )
    link = share.create_link(round_, by=alice)
    co_lead = make_co_lead(round_, make_person("lee@example.org", "Lee Lewis"), invited_by=alice)
    co_lead_invitation, co_lead_token = invite_co_lead(round_, alice, email="kim@example.org", name="Kim Kaur")
    return {
        "round": round_.pk,
        "code": round_.link_code,
        "participant": visitor.client,
        "resume_token": resume_token,
        "paper": typed_in.pk,
        "action": action.pk,
        "idea": idea.pk,
        "membership": riverside.memberships.get(user=bob).pk,
        "invitation": invitation.pk,
        "invitation_token": invitation_token,
        "copy": copy.slug,
        "uidb64": urlsafe_base64_encode(force_bytes(alice.pk)),
        "reset_token": default_token_generator.make_token(alice),
        "workshop": workshop.pk,
        "posted_idea": posted.pk,
        "share_link": link.pk,
        "share_token": link.token,
        "co_lead": co_lead.pk,
        "co_lead_invitation": co_lead_invitation.pk,
        "co_lead_token": co_lead_token,
    }


def test_every_url_is_fuzzed_or_knowingly_left_out():
    names = {name for name, _pattern in url_names()}
    assert "results:words" in FUZZED and "actions:plan" in FUZZED and "journey:principle" in FUZZED
    assert all(name.split(":")[0] in NOT_FUZZED_NAMESPACES for name in names - set(FUZZED))


@pytest.mark.parametrize("name", FUZZED)
def test_no_query_string_makes_a_server_error(name, world, alice):
    url = reverse(name, args=path_arguments(name, world))
    admin = Client()
    admin.force_login(alice)
    visitors = [admin, world["participant"]] if name.startswith("journey:") else [admin]
    slow = url.endswith(".pdf")

    @settings(
        max_examples=4 if slow else 12,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=query_strings)
    def visit(query):
        for client in visitors:
            response = client.get(f"{url}?{query}")
            assert response.status_code < 500, f"GET {url}?{query} gave {response.status_code}"

    if not slow:  # every odd value in every parameter the views read, every time; then hypothesis's own
        for value in ODD_VALUES:
            visit = example(query=urlencode([(key, value) for key in KEYS]))(visit)
    visit()
