"""URLs of the round report and the action plan as a page, PDF and Word; urls.py puts them in the "exports"
namespace."""

from django.urls import path

from . import chosen_views, report_views

urlpatterns = [
    path("rounds/<int:pk>/report/", report_views.report_page, name="report"),
    path("rounds/<int:pk>/report/report.pdf", report_views.report_pdf, name="report-pdf"),
    path("rounds/<int:pk>/report/report.docx", report_views.report_word, name="report-word"),
    path("rounds/<int:pk>/report/action-plan.pdf", report_views.action_plan_pdf, name="action-plan-pdf"),
    path("rounds/<int:pk>/report/action-plan.docx", report_views.action_plan_word, name="action-plan-word"),
    path("rounds/<int:pk>/report/words/", chosen_views.report_words, name="report-words"),
    path("rounds/<int:pk>/report/jobs/<int:job_pk>/", report_views.job_page, name="report-job"),
    path("rounds/<int:pk>/report/jobs/<int:job_pk>/download/", report_views.job_download, name="report-job-download"),
]
