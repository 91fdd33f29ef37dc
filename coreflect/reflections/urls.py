"""Facilitator URLs for rounds (members only; the current organisation comes from the session)."""

from django.urls import path

from . import co_lead_views, invitation_views, paper_views, sharing_views, views

app_name = "reflections"

urlpatterns = [
    path("rounds/", views.round_list, name="list"),
    path("rounds/new/", views.round_create, name="create"),
    path("rounds/<int:pk>/", views.round_detail, name="detail"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="edit"),
    path("rounds/<int:pk>/status/", views.round_status, name="status"),
    path("rounds/<int:pk>/what-happened/", views.publish_happened, name="publish-happened"),
    path("rounds/<int:pk>/perspectives/", views.round_perspectives, name="perspectives"),
    path("rounds/<int:pk>/paper/", paper_views.paper_entry, name="paper"),
    path("rounds/<int:pk>/paper/typed-in/", paper_views.paper_list, name="paper-list"),
    path("rounds/<int:pk>/paper/<int:participant_pk>/change/", paper_views.paper_change, name="paper-change"),
    path("rounds/<int:pk>/paper/<int:participant_pk>/delete/", paper_views.paper_delete, name="paper-delete"),
    path("rounds/<int:pk>/next/", views.next_round, name="next"),
    path("rounds/<int:pk>/delete/", views.round_delete, name="delete"),
    path("rounds/<int:pk>/poster/", sharing_views.poster, name="poster"),
    path("rounds/<int:pk>/poster.pdf", sharing_views.poster_pdf, name="poster-pdf"),
    path("rounds/<int:pk>/qr.svg", sharing_views.qr_code, name="qr"),
    path("rounds/<int:pk>/invite/", sharing_views.invite, name="invite"),
    path("rounds/<int:pk>/paper-version/", views.paper_version, name="printable"),
    path("rounds/<int:pk>/paper-version/pdf/", views.paper_version_pdf, name="printable-pdf"),
    path("rounds/<int:pk>/personal/", invitation_views.personal_links, name="personal"),
    path("rounds/<int:pk>/personal/only/", invitation_views.personal_links_only, name="personal-only"),
    path("rounds/<int:pk>/personal/email/", invitation_views.personal_email, name="personal-email"),
    path("rounds/<int:pk>/personal/print/", invitation_views.personal_print, name="personal-print"),
    path("rounds/<int:pk>/co-leads/invite/", co_lead_views.invite, name="co-lead-invite"),
    path("rounds/<int:pk>/co-leads/<int:co_lead_pk>/remove/", co_lead_views.remove, name="co-lead-remove"),
    path(
        "rounds/<int:pk>/co-leads/invitations/<int:invitation_pk>/cancel/", co_lead_views.cancel, name="co-lead-cancel"
    ),
    # Under /invitations/ so the logs hide the token (coreflect/logs.py).
    path("co-leads/invitations/<str:token>/", co_lead_views.accept, name="co-lead-accept"),
    path("your-rounds/", co_lead_views.co_led, name="co-led"),
]
