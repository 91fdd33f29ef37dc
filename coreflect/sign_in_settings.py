"""django-allauth's settings for Coreflect: sign-in, password reset, limits on guessing and MFA.

Imported by settings.py; nothing here comes from the environment (settings.py reads that).
"""

# Signing in, password reset and MFA are django-allauth's flows with Coreflect's forms and pages
# (docs/decisions/0010-sign-in-and-mfa.md). Accounts come only from invitations: nobody can sign up.
ACCOUNT_ADAPTER = "coreflect.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False  # a new password is followed by a full sign-in, MFA included
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Coreflect: "
ACCOUNT_FORMS = {
    "login": "coreflect.accounts.forms.SignInForm",
    "reset_password": "coreflect.accounts.forms.PasswordResetForm",
    "reset_password_from_key": "coreflect.accounts.forms.SetPasswordForm",
    "reauthenticate": "coreflect.accounts.forms.ConfirmPasswordForm",
}
# Limits on guessing, counted in the shared cache (CACHES below) per account ("key": a hash of the
# address typed) and per client ("ip": coreflect.accounts.addresses.client_address, through the adapter).
# Cyber Essentials asks for no more than 10 guesses in 5 minutes.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/5m/ip,10/5m/key",
    "reset_password": "10/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
    "signup": "5/m/ip",
    "manage_email": "10/m/user",
    "confirm_email": "1/3m/key",
}
MFA_ADAPTER = "coreflect.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Coreflect"
MFA_FORMS = {
    name: f"coreflect.accounts.mfa_forms.{form}"
    for name, form in {
        "authenticate": "AuthenticateForm",
        "reauthenticate": "ReauthenticateForm",
        "activate_totp": "ActivateTOTPForm",
        "deactivate_totp": "DeactivateTOTPForm",
        "generate_recovery_codes": "GenerateRecoveryCodesForm",
        "add_webauthn": "AddWebAuthnForm",
        "authenticate_webauthn": "AuthenticateWebAuthnForm",
        "reauthenticate_webauthn": "ReauthenticateWebAuthnForm",
        "edit_webauthn": "EditWebAuthnForm",
    }.items()
}
MFA_PASSKEY_LOGIN_ENABLED = False
