"""Sign in, sign out and password reset: django-allauth's views, with Coreflect's forms and pages."""

from allauth.account import views as allauth_views


class SignInView(allauth_views.LoginView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["signed_out_idle"] = self.request.session.pop("signed_out_idle", False)
        return context


sign_in = SignInView.as_view()
