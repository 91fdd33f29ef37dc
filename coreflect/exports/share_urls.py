"""URLs of share links: managing them under the round, and the shared report itself under /shared/."""

from django.urls import path

from . import share_views

urlpatterns = [
    path("rounds/<int:pk>/report/share/", share_views.share_links, name="share-links"),
    path("rounds/<int:pk>/report/share/<int:link_pk>/withdraw/", share_views.withdraw, name="share-withdraw"),
    path("shared/<str:token>/", share_views.shared_report, name="shared-report"),
    path("shared/<str:token>/report.pdf", share_views.shared_report_pdf, name="shared-report-pdf"),
]
