"""Large rounds' reports are made in the background: a progress page that refreshes itself, a download when
done, a clear message when not, and the requester's permission checked again when the work starts."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from coreflect.exports import report_files
from coreflect.exports.models import Download, JobStatus, ReportJob
from coreflect.organisations.models import Membership
from tests.co_leads import make_co_lead
from tests.conftest import make_person
from tests.exports import report_fixtures
from tests.exports.report_fixtures import read_word
from tests.pdf import read_pdf

small_groups_round = report_fixtures.small_groups_round

# The worker opens its own database connections, as it does in production, so tests commit their data.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _low_threshold(monkeypatch):
    monkeypatch.setattr(report_files, "LARGE_ROUND", 10)


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def ask(client, name, round_, query=""):
    response = client.get(reverse(f"exports:{name}", args=[round_.pk]) + query)
    assert response.status_code == 302
    job = ReportJob.objects.get(round=round_)
    assert response["Location"] == reverse("exports:report-job", args=[round_.pk, job.pk])
    return job, response["Location"]


def test_a_large_rounds_pdf_is_made_in_the_background_with_a_progress_page(small_groups_round, client_for, fran):
    client = client_for(fran)
    job, page_url = ask(client, "report-pdf", small_groups_round, "?section=cover&section=principles")
    assert job.status == JobStatus.QUEUED and job.sections == ["cover", "principles"] and job.requested_by == fran
    response = client.get(page_url)
    page = response.content.decode()
    assert response["Refresh"] == "5"  # reloads itself, with JavaScript off too
    assert 'role="status" aria-live="polite"' in page and "Waiting to start." in page
    assert "Check again" in page and "Stop checking automatically" in page
    stopped = client.get(page_url + "?auto=off")
    assert "Refresh" not in stopped and "Check again" in stopped.content.decode()

    run_worker()

    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.progress == 100 and job.finished_at is not None
    response = client.get(page_url)
    page = response.content.decode()
    assert "Refresh" not in response and "Your file is ready." in page
    link = reverse("exports:report-job-download", args=[small_groups_round.pk, job.pk])
    assert f'href="{link}"' in page
    response = client.get(link)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="day-services-autumn-review-report-')
    words = read_pdf(response.content).words
    assert "Principle by principle" in words and "How anonymity was kept" not in words
    assert "Family member or unpaid carer fewer than 5" in words
    assert (
        Download.objects.filter(round=small_groups_round, downloaded_by=fran, contents="report", format="pdf").count()
        == 1
    )


def test_a_large_rounds_action_plan_in_word(small_groups_round, client_for, bob):
    client = client_for(bob)
    job, page_url = ask(client, "action-plan-word", small_groups_round)
    run_worker()
    assert "Your file is ready." in client.get(page_url).content.decode()
    content = client.get(reverse("exports:report-job-download", args=[small_groups_round.pk, job.pk])).content
    headings = [p.text for p in read_word(content).paragraphs if p.style.name == "Heading 2"]
    assert headings == ["Contents", "About this round", "Action plan", "Contributions of people with lived experience"]


def test_a_download_before_the_file_is_ready_goes_back_to_the_progress_page(small_groups_round, client_for, fran):
    client = client_for(fran)
    job, page_url = ask(client, "report-word", small_groups_round)
    response = client.get(reverse("exports:report-job-download", args=[small_groups_round.pk, job.pk]))
    assert response.status_code == 302 and response["Location"] == page_url
    assert not Download.objects.exists()


def test_someone_who_left_the_organisation_gets_no_report(small_groups_round, client_for, fran, riverside):
    client = client_for(fran)
    job, page_url = ask(client, "report-pdf", small_groups_round)
    Membership.objects.filter(user=fran, organisation=riverside).delete()

    run_worker()

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.file is None
    Membership.objects.create(user=fran, organisation=riverside, role="viewer")  # back, later
    response = client_for(fran).get(page_url)
    page = response.content.decode()
    assert "Refresh" not in response and "Your file could not be made" in page
    assert "You can no longer see this round’s results, so the report was not made." in page


def test_a_co_lead_gets_their_rounds_report_and_not_once_removed(small_groups_round, client_for):
    sam = make_person("sam@example.org", "Sam Shah")
    co_lead = make_co_lead(small_groups_round, sam)
    job, _page_url = ask(client_for(sam), "report-pdf", small_groups_round)
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE

    job.delete()
    job, _page_url = ask(client_for(sam), "report-pdf", small_groups_round)
    co_lead.delete()
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.file is None


def test_a_job_that_goes_wrong_says_so(small_groups_round, client_for, fran, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(report_files, "make", broken)
    client = client_for(fran)
    _job, page_url = ask(client, "report-pdf", small_groups_round)
    run_worker()
    page = client.get(page_url).content.decode()
    assert "Something went wrong while making the report" in page and "disk full" not in page


def test_the_report_page_says_a_large_round_is_made_in_the_background(small_groups_round, client_for, bob):
    page = client_for(bob).get(reverse("exports:report", args=[small_groups_round.pk])).content.decode()
    assert "This round is large, so its report is made in the background" in page


def test_someone_elses_job_is_not_found(small_groups_round, client_for, fran, bob):
    _job, page_url = ask(client_for(fran), "report-pdf", small_groups_round)
    assert client_for(bob).get(page_url).status_code == 404


def test_the_progress_page_and_download_run_a_few_queries(
    small_groups_round, client_for, fran, django_assert_max_num_queries
):
    client = client_for(fran)
    job, page_url = ask(client, "report-word", small_groups_round)
    run_worker()
    with django_assert_max_num_queries(10):
        assert client.get(page_url).status_code == 200
    with django_assert_max_num_queries(12):
        assert (
            client.get(reverse("exports:report-job-download", args=[small_groups_round.pk, job.pk])).status_code == 200
        )
