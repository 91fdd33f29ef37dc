"""GOV.UK style in what people read: "email", never "e-mail", and dates and times written only by coreflect/dates.py."""

import ast
import re
from pathlib import Path

import pytest

from coreflect.accounts.forms import PasswordResetForm, SignInForm
from coreflect.forms import EmailField
from coreflect.organisations.forms import InviteForm
from coreflect.reflections.forms import PrivateLinkEmailForm

ROOT = Path(__file__).resolve().parent.parent
APP_ROOT = ROOT / "coreflect"
TEMPLATES = sorted(
    path for folder in ("templates", "jinja2") for path in APP_ROOT.rglob(f"{folder}/**/*") if path.is_file()
)
# Migrations are history: an old one keeps the wording it was written with, and a newer one changes it.
PYTHON_MODULES = sorted(path for path in APP_ROOT.rglob("*.py") if "migrations" not in path.parts)
SCRIPTS = sorted(APP_ROOT.glob("static/js/*js"))
DOCS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").rglob("*.md"))]
E_MAIL = re.compile(r"e-mail", re.IGNORECASE)


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def string_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal in Python source, docstrings and f-string parts included."""
    return [
        (node.lineno, node.value)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def e_mails_in_python(source: str) -> list[str]:
    return [f"line {line}: {text!r}" for line, text in string_literals(source) if E_MAIL.search(text)]


def e_mails_in_text(text: str) -> list[str]:
    return [f"line {number}: {line.strip()}" for number, line in enumerate(text.splitlines(), 1) if E_MAIL.search(line)]


@pytest.mark.parametrize("path", TEMPLATES + SCRIPTS + DOCS, ids=relative)
def test_templates_scripts_and_docs_say_email(path):
    assert e_mails_in_text(path.read_text()) == [], "GOV.UK style is “email”, not “e-mail”"


@pytest.mark.parametrize("path", PYTHON_MODULES, ids=relative)
def test_python_strings_say_email(path):
    assert e_mails_in_python(path.read_text()) == [], "GOV.UK style is “email”, not “e-mail”"


def test_the_email_checks_catch_e_mail_in_any_case():
    assert len(e_mails_in_python('"""Send an E-Mail."""\nLABEL = _("e-mail address")\nx = f"{n} e-mails"\n')) == 3
    assert e_mails_in_python("e_mail = 1  # an identifier and a comment are not wording\n") == []
    assert len(e_mails_in_text("<p>{% translate 'Check your E-mail' %}</p>\n<p>email</p>")) == 1


# Dates and times reach people only through coreflect/dates.py (and its template filters), so a page, an
# email and a PDF never write the same day two ways, and Welsh needs no template changes.
DATE_FORMATTING = re.compile(r"\|date\b|\|time\b|\{% now |naturaltime|naturalday")
PYTHON_DATE_FORMATTING = re.compile(r"\bstrftime\(|\bdate_format\(|\btime_format\(|:%[A-Za-z]")
WRITES_DATES = APP_ROOT / "dates.py"


def date_formatting_in_template(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if DATE_FORMATTING.search(line)]


@pytest.mark.parametrize("path", TEMPLATES, ids=relative)
def test_templates_write_dates_with_the_govuk_filters(path):
    assert date_formatting_in_template(path.read_text()) == [], "use |day, |time_of_day, |moment or {% days %}"


@pytest.mark.parametrize("path", [path for path in PYTHON_MODULES if path != WRITES_DATES], ids=relative)
def test_python_writes_dates_through_coreflect_dates(path):
    found = [line.strip() for line in path.read_text().splitlines() if PYTHON_DATE_FORMATTING.search(line)]
    assert found == [], "format dates and times for people with coreflect.dates"


def test_the_date_checks_catch_other_ways_of_writing_dates():
    assert len(date_formatting_in_template('{{ a|date:"j M Y" }}\n{% now "Y" %}\n{{ b|day }}\n')) == 2
    assert PYTHON_DATE_FORMATTING.search('f"at {at:%H:%M}"')
    assert PYTHON_DATE_FORMATTING.search("date_format(value, 'j F Y')")


# One email address field everywhere, as GOV.UK's email address pattern asks.
def email_fields():
    return [
        (SignInForm(), "login", "email"),
        (PasswordResetForm(), "email", "email"),
        (InviteForm(), "email", "off"),  # someone else's address: the browser should not offer the admin's own
        (PrivateLinkEmailForm(), "email", "email"),
    ]


def test_every_email_field_is_the_govuk_one(db):
    for form, name, autocomplete in email_fields():
        field = form[name]
        assert isinstance(field.field, EmailField), f"{type(form).__name__}.{name}"
        html = str(field)
        assert field.label == "Email address"
        assert 'type="email"' in html and 'spellcheck="false"' in html and f'autocomplete="{autocomplete}"' in html


def test_a_mistyped_address_says_how_to_write_it(db):
    form = PrivateLinkEmailForm({"email": "name at example"})
    assert form.errors["email"] == ["Enter an email address in the correct format, like name@example.com"]
    assert PrivateLinkEmailForm({"email": ""}).errors["email"] == ["Enter your email address"]
