"""The participant journey in Welsh in a real browser: what the page's JavaScript says is in Welsh too."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from coreflect.reflections.models import Response
from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.reflections.conftest import make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_round(riverside, alice):
    return make_round(riverside, alice)


def test_answers_save_themselves_and_say_so_in_welsh(page, visit, open_round):
    with translation.override("en-gb"):
        path = "/cy" + reverse("journey:perspective", args=[open_round.link_code])
    visit(page, path)
    assert page.get_attribute("html", "lang") == "cy"
    page.get_by_label("Person sy'n cael gofal a chymorth").check()
    page.get_by_role("button", name="Parhau").click()
    assert page.locator("h1").inner_text() == "Eich myfyrdod"
    page.locator("a[href*='/principles/reciprocity/']").click()
    page.wait_for_selector("[data-autosave-ready]")
    page.locator("#id_evidence").fill("Mae pobl yn cyfnewid sgiliau yn y caffi ddydd Mawrth.")
    page.wait_for_function(
        "() => document.querySelector('[data-autosave-status]').textContent.startsWith('Wedi\\'i gadw am')"
    )
    assert Response.objects.get().evidence == "Mae pobl yn cyfnewid sgiliau yn y caffi ddydd Mawrth."
    status = page.inner_text("[data-autosave-status]")
    assert re.fullmatch(r"Wedi'i gadw am (\d{1,2}(:(?!00)\d\d)?(yb|yp)|hanner dydd|hanner nos)", status)
    assert_fits_narrow_screen(page)
    assert_accessible(page)
