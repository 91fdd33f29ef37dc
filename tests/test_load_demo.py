"""`make run`'s demo data: people to sign in as, rounds with answers, an action plan – loaded once."""

from django.core.management import call_command

from coreflect.actions.models import Action
from coreflect.organisations.models import Organisation
from coreflect.reflections.models import Participant, Round


def test_demo_loads_once_and_prints_how_to_use_it(db, capsys):
    call_command("load_demo")
    first = capsys.readouterr().out
    counts = (Round.objects.count(), Participant.objects.count(), Action.objects.count())
    call_command("load_demo")
    again = capsys.readouterr().out
    assert (Round.objects.count(), Participant.objects.count(), Action.objects.count()) == counts
    assert counts[0] == 3 and counts[1] >= 105 and counts[2] == 4
    assert Organisation.objects.count() == 1
    for output in (first, again):
        assert "alex.admin@example.org" in output and "reflect-together-demo" in output
        assert "Take part in a demo reflection, with no account: http://127.0.0.1:8000/r/" in output
