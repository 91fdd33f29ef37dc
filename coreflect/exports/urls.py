"""Exports URLs, under each round: the report (report_urls), data downloads (data_urls) and share links
(share_urls, with the shared report itself under /shared/)."""

from . import data_urls, report_urls, share_urls

app_name = "exports"

urlpatterns = report_urls.urlpatterns + data_urls.urlpatterns + share_urls.urlpatterns
