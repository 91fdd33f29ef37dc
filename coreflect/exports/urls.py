"""Exports URLs, under each round: the report and share links (report_urls), data downloads (data_urls)."""

from . import data_urls, report_urls

app_name = "exports"

urlpatterns = report_urls.urlpatterns + data_urls.urlpatterns
