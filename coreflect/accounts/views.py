"""Sign in, sign out and password reset: django-allauth's views, with Coreflect's forms and pages."""

from allauth.account import views as allauth_views
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_POST

from . import limits


class SignInView(allauth_views.LoginView):
    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and (until := limits.sign_in_shut_until(request)):
            return limits.too_many_again(until)
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code == 429 and (until := limits.allauth_retry_at(request, "login", None)):
            limits.shut_sign_in(request, until)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["signed_out_idle"] = self.request.session.pop("signed_out_idle", False)
        context["signed_out_lifetime"] = self.request.session.pop("signed_out_lifetime", False)
        context["settings_lifetime_hours"] = settings.SESSION_LIFETIME_HOURS
        return context


sign_in = SignInView.as_view()


@login_required
@require_POST
def keep_alive(request):
    """ "Stay signed in" on the idle warning: a request is activity, so the idle timeout starts again
    (IdleTimeoutMiddleware has already noted it). Nothing to send back."""
    request.session.modified = True
    return HttpResponse(status=204)
