"""Framework URLs: public pages for built-ins, members-only pages for an organisation's copies, its checks of
Welsh and Easy Read wording and its pictures, and the public picture credits."""

from django.urls import path

from . import check_views, picture_views, print_views, views

app_name = "frameworks"

urlpatterns = [
    path("frameworks/", views.framework_list, name="list"),
    path("frameworks.json", views.frameworks_json, name="list-json"),
    path("frameworks/<slug:slug>.json", views.framework_json, name="json"),
    path("frameworks/<slug:slug>/", views.framework_detail, name="detail"),
    path("frameworks/<slug:slug>/print/", print_views.framework_print, name="print"),
    path("frameworks/<slug:slug>/print.pdf", print_views.framework_pdf, name="pdf"),
    path("frameworks/<slug:slug>/copy/", views.framework_copy, name="copy"),
    path("frameworks/<slug:slug>/edit/", views.framework_edit, name="edit"),
    path("frameworks/<slug:slug>/edit/<slug:section>/", views.framework_edit, name="edit-section"),
    path("frameworks/<slug:slug>/checks/", check_views.wording_checks, name="checks"),
    path("pictures/", picture_views.picture_list, name="pictures"),
    path("pictures/new/", picture_views.picture_upload, name="picture-upload"),
    path("pictures/credits/", picture_views.picture_credits, name="picture-credits"),
    path("pictures/<str:signed>/", picture_views.picture, name="picture"),
]
