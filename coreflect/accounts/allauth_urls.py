"""The URL names django-allauth reverses, at Coreflect's paths; and allauth's MFA pages under /account/mfa/.

Only the flows Coreflect uses are routed: no sign-up (accounts come from invitations), no email management
(an account has one address), no sign-in by emailed code.
"""

from allauth.account import views as allauth_views
from django.urls import include, path, re_path

from . import views

urlpatterns = [
    path("sign-in/", views.sign_in, name="account_login"),
    path("sign-out/", allauth_views.logout, name="account_logout"),
    path("password-reset/", allauth_views.password_reset, name="account_reset_password"),
    path("password-reset/sent/", allauth_views.password_reset_done, name="account_reset_password_done"),
    path(
        "password-reset/done/",
        allauth_views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    re_path(
        r"^password-reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        allauth_views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path("account/inactive/", allauth_views.account_inactive, name="account_inactive"),
    path("account/signup/", allauth_views.signup, name="account_signup"),
    path("account/confirm-your-password/", allauth_views.reauthenticate, name="account_reauthenticate"),
    path("account/password/", allauth_views.password_change, name="account_change_password"),
    path("account/mfa/", include("allauth.mfa.urls")),
]
