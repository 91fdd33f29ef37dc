"""Coreflect's URL map: each app brings its own urls.py."""

from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import views

# The operations admin signs in through the same flow as everyone else: limits, then MFA. (Set
# before admin.site.urls is read below, which routes whatever `login` is then.)
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

# Every page is in English at its plain address and in Welsh under /cy/ (the language is in the URL, so a
# page's address says which language it is in). The health check and the operations admin are not pages
# people read in a language of their choosing.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    # Participants are most of the traffic: their pages are matched first, by their prefix alone.
    path("r/", include("coreflect.reflections.journey_urls")),
    path("", include("coreflect.workshops.phone_urls")),  # phones in a workshop poll every few seconds
    path("", include("coreflect.exports.happened_urls")),
    path("", include("coreflect.actions.follow_urls")),
    path("accessibility/", views.static_page("pages/accessibility.html"), name="accessibility"),
    path("privacy/", views.static_page("pages/privacy.html"), name="privacy"),
    path("cookies/", views.static_page("pages/cookies.html"), name="cookies"),
    path("", include("coreflect.accounts.urls")),
    path("", include("coreflect.accounts.allauth_urls")),
    path("", include("coreflect.organisations.urls")),
    path("", include("coreflect.language.urls")),
    path("", include("coreflect.frameworks.urls")),
    path("", include("coreflect.reflections.urls")),
    path("", include("coreflect.results.urls")),
    path("", include("coreflect.actions.urls")),
    path("", include("coreflect.workshops.urls")),
    path("", include("coreflect.exports.urls")),
    prefix_default_language=False,
)

handler400 = "coreflect.views.bad_request"
handler403 = "coreflect.views.permission_denied"
handler404 = "coreflect.views.page_not_found"
handler500 = "coreflect.views.server_error"
handler429 = "coreflect.views.too_many_requests"  # django-allauth's limits answer with this

admin.site.site_header = "Coreflect operations"
admin.site.site_title = "Coreflect operations"
