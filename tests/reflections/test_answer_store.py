"""The answer store (reflections/store.py) gives and leaves exactly what the ORM would.

The store writes some of its SQL by hand and rebuilds model instances from rows itself, so these tests
compare it with the ORM field by field: every concrete field of what it rebuilds, every row a save leaves
(the answer, its ticks, the running totals), on whichever database the suite runs against. A field added to
or renamed in the models is compared too, and the statements are checked against the models' `_meta`.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.utils import timezone

from coreflect import caches
from coreflect.frameworks.models import FrameworkVersion
from coreflect.frameworks.queries import skeleton
from coreflect.organisations.models import Organisation
from coreflect.reflections import queries, rows, services, store, tallies
from coreflect.reflections.models import Participant, Perspective, Response, Round, Tally, TickTally, hash_token

from .conftest import make_round

PRINCIPLE = "people-as-assets"


def values(instance) -> dict:
    """Every concrete field's value, as the model holds it (a kept framework version's document is handed
    out frozen: thawed, it must equal the stored one)."""
    fields = type(instance)._meta.concrete_fields
    return {field.attname: caches.thawed(field.value_from_object(instance)) for field in fields}


def loaded(instance):
    """The same row, loaded by the ORM."""
    return type(instance)._default_manager.get(pk=instance.pk)


@pytest.fixture
def rounds(riverside, alice):
    """A plain open round, and one with every field the look-up reads set to something other than its default
    (dates, true booleans, a previous round, no creator), so a value converted wrongly shows up."""
    plain = make_round(riverside, alice)
    unusual = make_round(
        riverside,
        alice,
        title="Homes – “quoted” & ünïcode",
        anonymous=False,
        threshold=7,
        opens_on=datetime.date(2026, 1, 31),
        closes_on=datetime.date(2099, 12, 31),
        previous_round=plain,
    )
    Round.objects.filter(pk=unusual.pk).update(
        created_by=None, released_on=datetime.date(2026, 2, 28), released_at_close=True
    )
    return plain, Round.objects.get(pk=unusual.pk)


def a_participant(round_, token, **fields) -> Participant:
    return Participant.objects.create(
        round=round_, token_hash=hash_token(token), perspective=round_.perspectives.first(), **fields
    )


def test_the_look_up_rebuilds_rounds_and_participants_as_the_orm_loads_them(rounds, alice):
    plain, unusual = rounds
    people = [
        (plain, "plain", {}),
        (
            unusual,
            "unusual",
            {
                "name": "Sam Smith",
                "entered_from_paper": True,
                "entered_by": alice,
                "created_at": timezone.now() - datetime.timedelta(days=3, microseconds=7),
                "submitted_at": timezone.now(),
                "changed_in_batch": 2,
                "paper_key": "k" * 64,
            },
        ),
    ]
    for round_, token, fields in people:
        participant = a_participant(round_, token, **fields)
        found_round, found = queries.round_and_participant(round_.link_code, token)
        assert values(found_round) == values(loaded(round_))
        assert values(found) == values(loaded(participant))
        assert found.round is found_round
        assert found_round.organisation.name == Organisation.objects.get(pk=round_.organisation_id).name
        version = FrameworkVersion.objects.get(pk=round_.framework_version_id)
        assert values(found_round.framework_version) == values(version)  # its JSON document too


def test_the_look_up_finds_no_participant_without_a_token_or_with_another_rounds(rounds):
    plain, unusual = rounds
    a_participant(unusual, "theirs")
    for token in (None, "", "theirs", "nobody's"):
        found_round, participant = queries.round_and_participant(plain.link_code, token)
        assert values(found_round) == values(loaded(plain))
        assert participant is None
    assert queries.round_and_participant("no-such-link", "theirs") == (None, None)


def orm_answer(participant, principle_key) -> dict:
    """A saved answer as the answer form's initial data, read through the ORM."""
    response = participant.responses.filter(principle__key=principle_key).first()
    if response is None:
        return {}
    return {
        "stage": response.stage.key if response.stage else "",
        "ticked": sorted(indicator.key for indicator in response.ticked.all()),
        "evidence": response.evidence,
        "rag": response.rag,
        "reflections": response.reflections,
        "ideas": response.ideas,
    }


def sorted_ticks(saved: dict) -> dict:
    return {**saved, "ticked": sorted(saved["ticked"])} if saved else saved


def save(participant, principle_key, stage=None, ticked=(), **texts):
    shape = skeleton(participant.round.framework_version)
    answer = services.Answer(
        stage=shape.stages[stage] if stage else None,
        ticked=tuple(shape.indicators[principle_key][key] for key in ticked),
        **texts,
    )
    services.save_answer(participant, shape.principles[principle_key], answer, asks_stage=True, finished=True)


def test_a_saved_answer_reads_as_the_orm_reads_it(open_round):
    participant = a_participant(open_round, "reader")
    participant.round = open_round
    assert store.saved_answer(participant, PRINCIPLE) == {} == orm_answer(participant, PRINCIPLE)
    save(participant, PRINCIPLE, "basics", [f"{PRINCIPLE}-1", f"{PRINCIPLE}-3"], evidence="Café ☕", rag="amber")
    assert sorted_ticks(store.saved_answer(participant, PRINCIPLE)) == orm_answer(participant, PRINCIPLE)
    save(participant, PRINCIPLE, reflections="No stage, no ticks")
    assert store.saved_answer(participant, PRINCIPLE) == orm_answer(participant, PRINCIPLE)


def orm_save(participant, principle_key, when, stage=None, ticked=(), **texts):
    """What a save should leave, written by the ORM: one answer per principle, its ticks replaced."""
    shape = skeleton(participant.round.framework_version)
    fields = {"evidence": "", "rag": "", "reflections": "", "ideas": "", **texts}
    response, _created = Response.objects.update_or_create(
        participant=participant,
        principle=shape.principles[principle_key],
        defaults={
            "round": participant.round,
            "stage": shape.stages[stage] if stage else None,
            "completed": stage is not None,
            "updated_at": when,
            **fields,
        },
    )
    response.ticked.set([shape.indicators[principle_key][key] for key in ticked])


def answer_rows(participant) -> list:
    """Every answer of the participant, as what it holds (not which row or person it is), with its ticks."""
    found = []
    for response in participant.responses.order_by("principle_id"):
        row = values(response)
        del row["id"], row["participant_id"]
        found.append((row, sorted(response.ticked.values_list("pk", flat=True))))
    return found


SAVES = [
    (PRINCIPLE, "basics", [f"{PRINCIPLE}-1", f"{PRINCIPLE}-2"], {"evidence": "First", "rag": "red"}),
    (PRINCIPLE, "getting-there", [f"{PRINCIPLE}-2", f"{PRINCIPLE}-4"], {"ideas": "Ticks added and removed"}),
    ("valuing-work", None, [], {"reflections": "No stage"}),
    (PRINCIPLE, None, [], {}),
]


@pytest.mark.parametrize("shared", [False, True], ids=["this database's store", "the statements shared"])
@pytest.mark.parametrize("sent", [False, True], ids=["not sent", "sent"])
def test_a_save_leaves_exactly_the_rows_the_orm_would(open_round, monkeypatch, sent, shared):
    if shared:  # what a database with no store of its own (or SQLite before 3.35) runs
        monkeypatch.setattr(store, "_chosen", lambda: store.AnswerStore(connection))
    when = services.coarse(open_round, timezone.now())
    monkeypatch.setattr(services, "moment", lambda round_: when)
    by_store, by_orm = a_participant(open_round, "store"), a_participant(open_round, "orm")
    by_store.round = by_orm.round = open_round
    if sent:
        services.submit(by_store)
        by_orm.submitted_at = when  # never counted: the ORM's rows are compared, and then deleted
        by_orm.save(update_fields=["submitted_at"])
    for principle_key, stage, ticked, texts in SAVES:
        save(by_store, principle_key, stage, ticked, **texts)
        orm_save(by_orm, principle_key, when, stage, ticked, **texts)
        assert answer_rows(by_store) == answer_rows(by_orm)
    counted = {
        "tallies": sorted((t.principle_key, t.stage_key, t.rag, t.ahead, t.n) for t in Tally.objects.filter(n__gt=0)),
        "ticks": sorted((t.indicator_key, t.n) for t in TickTally.objects.filter(n__gt=0)),
        "sent": sum(Perspective.objects.values_list("submitted_count", flat=True)),
    }
    Participant.objects.filter(pk=by_orm.pk).delete()  # a recount now counts only the store's answers
    tallies.rebuild(open_round)
    recounted = {
        "tallies": sorted((t.principle_key, t.stage_key, t.rag, t.ahead, t.n) for t in Tally.objects.filter(n__gt=0)),
        "ticks": sorted((t.indicator_key, t.n) for t in TickTally.objects.filter(n__gt=0)),
        "sent": sum(Perspective.objects.values_list("submitted_count", flat=True)),
    }
    if sent:
        assert counted == recounted
        assert counted["sent"] == 1 and counted["tallies"]
    else:
        assert counted == recounted == {"tallies": [], "ticks": [], "sent": 0}


def selected(sql: str, alias: str) -> list[str]:
    """The columns of the table named `alias` that a statement selects, in order."""
    return re.findall(rf"\b{alias}\.(\w+)", sql.split(" FROM ")[0])


def test_the_look_up_selects_every_column_the_models_have():
    """A field added to Round or Participant is read (and compared above) without touching the SQL."""
    statements = store.AnswerStore(connection)
    for model, alias in ((Round, "r"), (Participant, "p")):
        columns = [field.column for field in model._meta.concrete_fields]
        assert selected(statements.round_and_participant_sql, alias) == columns
        assert [name for _attname, name, *_rest in rows.converters(model, connection)] == columns
        assert rows.reading(model, connection).attnames == tuple(f.attname for f in model._meta.concrete_fields)


def test_the_statements_follow_a_renamed_column(monkeypatch):
    evidence = Response._meta.get_field("evidence")
    monkeypatch.setattr(evidence, "column", "evidence_text")
    monkeypatch.setattr(Response._meta, "db_table", "answers")
    statements = store.PostgreSQLAnswerStore(connection)
    for sql in (statements.saved_answer_sql, statements.replace_sql, statements.save_unsent_sql):
        assert "evidence_text" in sql and "answers" in sql
        assert not re.search(r"\bevidence\b", sql)


def test_a_renamed_field_fails_when_the_store_is_first_used(monkeypatch):
    monkeypatch.setattr(store, "ANSWER_FIELDS", (*store.ANSWER_FIELDS[:-1], "changed_at"))
    with pytest.raises(FieldDoesNotExist):
        store.AnswerStore(connection)


def test_no_table_or_column_name_is_written_into_the_store():
    source = Path(store.__file__).read_text()
    for model in (Round, Participant, Response, Response.ticked.through, Tally, TickTally, Organisation):
        assert model._meta.db_table not in source


def test_one_implementation_per_database_is_chosen_once():
    caches.clear()
    chosen = store._chosen()
    assert store._chosen() is chosen
    expected = store.PostgreSQLAnswerStore if connection.vendor == "postgresql" else store.SQLiteAnswerStore
    assert type(chosen) is expected
