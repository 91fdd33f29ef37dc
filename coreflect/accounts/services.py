"""Creating accounts (from an accepted invitation) and signing people in."""

from django.contrib.auth import get_user_model, login


def find_account(email: str):
    return get_user_model().objects.filter(email__iexact=email.strip()).first()


def create_account(*, email: str, name: str, password: str):
    return get_user_model().objects.create_user(email=email, name=name, password=password)


def sign_in(request, user) -> None:
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
