"""Organisation URLs. The current organisation comes from the session, never from the URL."""

from django.urls import path

from . import audit_views, deletion_views, views

app_name = "organisations"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("organisations/new/", views.organisation_create, name="create"),
    path("organisations/switch/", views.switch, name="switch"),
    path("organisation/settings/", views.organisation_settings, name="settings"),
    path("organisation/delete/", deletion_views.organisation_delete, name="delete"),
    path("account/delete/", deletion_views.account_delete, name="account-delete"),
    path("account/deleted/", deletion_views.account_deleted, name="account-deleted"),
    path("organisation/members/", views.members, name="members"),
    path("organisation/audit-trail/", audit_views.audit_trail, name="audit-trail"),
    path("organisation/members/invite/", views.invite, name="invite"),
    path("organisation/members/<int:pk>/role/", views.member_role, name="member-role"),
    path("organisation/members/<int:pk>/remove/", views.member_remove, name="member-remove"),
    path("organisation/invitations/<int:pk>/cancel/", views.invitation_cancel, name="invitation-cancel"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept-invitation"),
]
