"""Text Django and django-allauth show Coreflect's users that their own Welsh catalogues lack.

Django's Welsh catalogue misses the password validators, pagination and some form errors, and django-allauth
has no Welsh at all. Their Welsh lives in the project's catalogue (`coreflect/locale/cy/`), which Django reads
before theirs. `makemessages --no-obsolete` keeps only what it finds in Coreflect's own source, so each msgid
is listed here, exactly as Django or allauth writes it: nothing imports this module, it only keeps the
entries in the catalogue. `tests/i18n/test_library_text.py` checks that each still matches the library's own
text and reads Welsh.
"""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

# Django: the password validators (settings.AUTH_PASSWORD_VALIDATORS), their errors and their help.
PASSWORD_VALIDATORS = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("The two password fields didn’t match."),
]

# Django: pagination, and form errors a field can give that Coreflect does not word itself.
FORMS_AND_PAGES = [
    gettext_noop("That page number is not an integer"),
    gettext_noop("That page number is less than 1"),
    gettext_noop("That page contains no results"),
    gettext_noop("…"),
    pgettext_lazy("String to return when truncating text", "%(truncated_text)s…"),
    gettext_noop("Null characters are not allowed."),
    # Django's Welsh writes the list separator as "," with no space ("1,2 a 3"): ours keeps the space.
    gettext_noop(", "),
    gettext_noop("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    gettext_noop("Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens."),
    gettext_noop("File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."),
    gettext_noop("Ensure this value is a multiple of step size %(limit_value)s."),
    gettext_noop("“%(pk)s” is not a valid value."),
    gettext_noop(
        "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be ambiguous or it may not exist."
    ),
]

# django-allauth: errors and pages of the flows Coreflect routes (coreflect/accounts/allauth_urls.py) that
# Coreflect's adapters and templates do not word themselves.
ALLAUTH = [
    gettext_noop("This account is currently inactive."),
    gettext_noop("Account Inactive"),
    gettext_noop("This account is inactive."),
    gettext_noop("Sign Up Closed"),
    gettext_noop("We are sorry, but the sign up is currently closed."),
    gettext_noop("Change Password"),
    gettext_noop("Current Password"),
    gettext_noop("Forgot your password?"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("You must type the same password each time."),
    gettext_noop("Please type your current password."),
    gettext_noop("Invalid or expired key."),
    gettext_noop("Incorrect code."),
    gettext_noop("You cannot deactivate two-factor authentication."),
    gettext_noop("You cannot generate recovery codes without having two-factor authentication enabled."),
    gettext_noop("You cannot activate two-factor authentication until you have verified your email address."),
    gettext_noop("Master key"),
    gettext_noop("Backup key"),
    gettext_noop("Key nr. {number}"),
]
