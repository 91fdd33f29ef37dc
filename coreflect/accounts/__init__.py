"""People with accounts: sign in and out, password reset; (later) MFA and single sign-on."""
