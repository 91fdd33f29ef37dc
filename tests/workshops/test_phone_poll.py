"""A phone's unchanged poll: answered from one statement written by hand, which must give what the ORM gives."""

from coreflect.reflections.models import hash_token
from coreflect.workshops import phone_queries, services
from coreflect.workshops.models import Attendee

from .conftest import join_many


def polled_version_by_orm(code, token):
    return (
        Attendee.objects.filter(token_hash=hash_token(token), workshop__code=code)
        .values_list("workshop__version", flat=True)
        .first()
    )


def test_the_polled_version_is_the_orms_for_every_kind_of_phone(workshop, open_round, fran):
    join_many(workshop, {"frontline": 1})
    perspective = open_round.perspectives.get(key="manager")
    _other, token = services.join(workshop, perspective)
    second = services.start_workshop(open_round, started_by=fran)
    _there, elsewhere = services.join(second, perspective)
    services.finish_workshop(second)
    cases = [
        (workshop.code, token),  # one of the workshop's phones
        (workshop.code, elsewhere),  # a phone of another workshop
        (second.code, elsewhere),  # a phone of a workshop that has finished
        (workshop.code, "not-a-token"),
        ("XXXXXX", token),  # the right phone, a wrong code
    ]
    found = [phone_queries.polled_version(code, phone) for code, phone in cases]
    assert found == [polled_version_by_orm(code, phone) for code, phone in cases]
    workshop.refresh_from_db()
    second.refresh_from_db()
    assert found == [workshop.version, None, second.version, None, None]
    assert phone_queries.polled_version(workshop.code, None) is None
