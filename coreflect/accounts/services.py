"""Creating accounts (from an accepted invitation) and signing people in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model, login
from django.http import HttpRequest

if TYPE_CHECKING:
    from .models import User


def find_account(email: str) -> User | None:
    return get_user_model().objects.filter(email__iexact=email.strip()).first()


def create_account(*, email: str, name: str, password: str) -> User:
    return get_user_model().objects.create_user(email=email, name=name, password=password)


def sign_in(request: HttpRequest, user: User) -> None:
    login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
