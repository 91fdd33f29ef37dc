"""What Django and django-allauth show Coreflect's users reads in Welsh, from the project's catalogue; and each
msgid kept in coreflect/library_text.py is still one the library itself uses."""

import ast
from pathlib import Path

import allauth
import django
import pytest
from django import forms
from django.contrib.auth import password_validation
from django.core.paginator import Paginator
from django.utils import translation

from coreflect.accounts.adapter import AccountAdapter, MFAAdapter
from coreflect.accounts.models import User
from tests.i18n.po import ROOT, messages

pytestmark = pytest.mark.django_db
LIBRARIES = [Path(django.__file__).parent, Path(allauth.__file__).parent]


def kept_msgids() -> list[str]:
    """The first string of each gettext call in coreflect/library_text.py."""
    tree = ast.parse((ROOT / "coreflect" / "library_text.py").read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {"gettext_noop", "ngettext_lazy"}:
            found.append(node.args[0].value)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "pgettext_lazy":
            found.append(node.args[1].value)
    return found


def library_msgids() -> set[str]:
    """Every msgid in Django's and allauth's own English catalogues."""
    return {
        entry.msgid
        for library in LIBRARIES
        for path in library.glob("**/locale/en/LC_MESSAGES/django.po")
        for entry in messages(path)
    }


def test_every_kept_msgid_is_still_the_librarys_own_and_translated():
    sources = library_msgids()
    project = {entry.msgid: entry for entry in messages(ROOT / "coreflect/locale/cy/LC_MESSAGES/django.po")}
    kept = kept_msgids()
    assert len(kept) > 30
    gone = [msgid for msgid in kept if msgid not in sources]
    assert not gone, "No longer in Django or allauth (the library changed its words):\n" + "\n".join(gone)
    missing = [msgid for msgid in kept if msgid not in project or project[msgid].untranslated]
    assert not missing, "Kept but not translated in coreflect/locale:\n" + "\n".join(missing)


def validation_messages(password: str, user=None) -> list[str]:
    try:
        password_validation.validate_password(password, user)
    except forms.ValidationError as error:
        return list(error.messages)
    return []


def test_the_password_rules_are_in_welsh():
    person = User(email="sioned.jones@example.org", name="Sioned Jones")
    with translation.override("cy"):
        assert validation_messages("12345") == [
            "Mae'r cyfrinair hwn yn rhy fyr. Rhaid iddo gynnwys o leiaf 10 nod.",
            "Mae'r cyfrinair hwn yn rhy gyffredin.",
            "Mae'r cyfrinair hwn yn rhifau i gyd.",
        ]
        assert validation_messages("sioned.jones@example", person)[0].startswith("Mae'r cyfrinair yn rhy debyg i'r")
        assert "Rhaid i'ch cyfrinair gynnwys o leiaf 10 nod." in password_validation.password_validators_help_texts()
    with translation.override("en-gb"):
        assert validation_messages("12345")[1] == "This password is too common."


def test_pagination_and_allauths_errors_are_in_welsh():
    with translation.override("cy"):
        with pytest.raises(Exception, match="Nid yw rhif y dudalen honno'n rhif cyfan"):
            Paginator([1, 2, 3], 2).validate_number("x")
        assert str(MFAAdapter.error_messages["incorrect_code"]) == "Nid yw'r cod yn gywir."
        assert (
            str(AccountAdapter.error_messages["account_inactive"]) == "Nid yw'r cyfrif hwn yn weithredol ar hyn o bryd."
        )
        assert str(forms.CharField().error_messages["required"]) != "This field is required."
        assert MFAAdapter().generate_authenticator_name(User.objects.create(email="a@example.org"), "webauthn") == (
            "Prif allwedd"
        )


def test_a_null_character_is_refused_in_welsh():
    with translation.override("cy"):
        with pytest.raises(forms.ValidationError) as refused:
            forms.CharField().clean("a\x00b")
        assert refused.value.messages == ["Ni chaniateir nodau nwl."]
