"""Account URLs: Coreflect's own paths for django-allauth's views.

Each path has Coreflect's name (`accounts:sign-in`) here and allauth's name (`account_login`) in
`allauth_urls`, which allauth's own code reverses; both give the same path.
"""

from allauth.account import views as allauth_views
from django.urls import path, re_path

from . import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", allauth_views.logout, name="sign-out"),
    path("account/keep-alive/", views.keep_alive, name="keep-alive"),
    path("password-reset/", allauth_views.password_reset, name="password-reset"),
    path("password-reset/sent/", allauth_views.password_reset_done, name="password-reset-sent"),
    path("password-reset/done/", allauth_views.password_reset_from_key_done, name="password-reset-complete"),
    re_path(
        r"^password-reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        allauth_views.password_reset_from_key,
        name="password-reset-confirm",
    ),
]
