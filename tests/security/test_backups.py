"""Backups that restore: the drill. Answers arrive, the database is backed up while in use, wiped, and
restored; every count and every page is as it was."""

import re
import threading

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse

from coreflect.backups import copies
from coreflect.reflections.models import Round
from tests.reflections.conftest import Visitor, make_round

pytestmark = pytest.mark.django_db(transaction=True)


def counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def pages(client, round_) -> dict[str, str]:
    names = [
        reverse("reflections:list"),
        reverse("reflections:detail", args=[round_.pk]),
        reverse("results:overview", args=[round_.pk]),
        reverse("results:perspectives", args=[round_.pk]),
        reverse("results:words", args=[round_.pk]),
        reverse("actions:plan"),
    ]
    seen = {}
    for url in names:
        response = client.get(url)
        assert response.status_code == 200, url
        # The form token and the charts' element ids differ on every page load; nothing else may.
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        seen[url] = re.sub(r"chart-[0-9a-f]{8}", "chart-id", page)
    return seen


@pytest.fixture
def open_round(riverside, alice):
    return make_round(riverside, alice)


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    round_ = Round.objects.order_by("pk").first()
    visitor = Visitor(round_)  # answers arriving, as on any day
    visitor.join()
    visitor.answer("valuing-work", stage="basics", rag="amber", evidence="Backed up and brought back")
    return round_


def test_the_restore_drill_gives_back_every_count_and_page(demo, client_for, tmp_path, capsys):
    from coreflect.accounts.models import User

    # The demo's facilitator: its admin would first be asked to set up two-factor authentication.
    fran = client_for(User.objects.get(email="fran.facilitator@example.org"))
    before_pages = pages(fran, demo)
    before_counts = counts()
    assert before_counts["reflections.Response"] > 100

    backup = tmp_path / "backups" / "drill"
    call_command("backup", output=str(backup))
    assert "Backed up to" in capsys.readouterr().out
    assert backup.stat().st_mode & 0o777 == 0o600

    call_command("flush", interactive=False, verbosity=0)
    assert counts()["reflections.Response"] == 0

    call_command("restore", str(backup), interactive=False)
    assert "Restored" in capsys.readouterr().out
    assert counts() == before_counts
    assert pages(fran, demo) == before_pages  # signed in still: the session came back too


def test_a_backup_taken_while_answers_arrive_is_whole(open_round, tmp_path):
    visitor = Visitor(open_round)
    visitor.join()
    stop = threading.Event()

    def keep_answering():
        while not stop.is_set():
            visitor.answer("valuing-work", stage="basics", rag="amber", evidence="Still typing")

    writer = threading.Thread(target=keep_answering)
    writer.start()
    try:
        made = [copies.back_up(tmp_path / f"copy-{n}") for n in range(3)]
    finally:
        stop.set()
        writer.join(timeout=30)
    assert all(copy.size > 0 for copy in made)
    call_command("restore", str(made[-1].path), interactive=False)
    assert Round.objects.filter(pk=open_round.pk).exists()


def test_a_backup_never_overwrites_and_a_bad_file_restores_nothing(open_round, tmp_path):
    existing = tmp_path / "there-already"
    existing.write_text("keep me")
    with pytest.raises(CommandError, match="never overwrites"):
        call_command("backup", output=str(existing))
    assert existing.read_text() == "keep me"
    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore", str(existing), interactive=False)
    with pytest.raises(CommandError, match="no backup at"):
        call_command("restore", str(tmp_path / "missing"), interactive=False)
    assert Round.objects.filter(pk=open_round.pk).exists()


def test_restore_asks_before_replacing_everything(open_round, tmp_path, monkeypatch):
    copy = copies.back_up(tmp_path / "copy")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("restore", str(copy.path))


def test_without_a_file_name_the_copy_goes_to_the_backup_folder_with_the_time(open_round, tmp_path, settings, capsys):
    settings.BACKUP_DIR = tmp_path / "nightly"
    call_command("backup")
    (made,) = (tmp_path / "nightly").iterdir()
    assert re.fullmatch(r"coreflect-\d{4}-\d\d-\d\dT\d{6}Z\.(sqlite3|pgdump)", made.name)
    assert str(made) in capsys.readouterr().out
