"""allauth's account and two-factor pages under /accounts/ (sign-up is closed: /accounts/signup/ redirects)."""

from tests.access.expect import NOT_FOUND, OK, Case, Redirect, everyone, signed_in

LOGIN_PAGE = Redirect("account_login")
HOME = Redirect("home")
REAUTHENTICATE = Redirect("account_reauthenticate")

EXPECTED = {
    # Our redirect answers before allauth's sign-up view, which is never reached.
    "accounts/signup/": Case(everyone(LOGIN_PAGE)),
    "account_signup": Case(everyone(LOGIN_PAGE), shadowed_by="accounts/signup/"),
    "account_login": Case(signed_in(HOME, anonymous=OK)),
    "account_logout": [
        Case(signed_in(OK, anonymous=HOME)),
        Case(everyone(HOME), method="post", label="post"),
    ],
    "account_inactive": Case(everyone(OK)),
    "account_reauthenticate": Case(signed_in(OK)),
    # Officials' addresses are managed by admins (issue 13, L4): our redirect answers before allauth's page.
    "accounts/email/": Case(everyone(Redirect("profile"))),
    "account_email": Case(everyone(Redirect("profile")), shadowed_by="accounts/email/"),
    "account_email_verification_sent": Case(everyone(OK)),
    "account_change_password": Case(signed_in(OK)),
    "account_set_password": Case(signed_in(Redirect("account_change_password"))),
    "account_reset_password": Case(everyone(OK)),
    "account_reset_password_done": Case(everyone(OK)),
    "account_reset_password_from_key": Case(everyone(OK), kwargs={"uidb36": "0", "key": "no-such-key"}),
    "account_reset_password_from_key_done": Case(everyone(OK)),
    "account_confirm_email": Case(everyone(OK), kwargs={"key": "no-such-key"}),
    "account_confirm_login_code": Case(signed_in(HOME, anonymous=LOGIN_PAGE)),
    "mfa_index": Case(signed_in(OK)),
    # Only during a log-in with a second step; otherwise back to where one belongs.
    "mfa_authenticate": Case(signed_in(HOME, anonymous=LOGIN_PAGE)),
    "mfa_reauthenticate": Case(signed_in(REAUTHENTICATE)),
    "mfa_activate_totp": Case(signed_in(REAUTHENTICATE)),
    # The personas have no authenticator yet: nothing to deactivate or to show.
    "mfa_deactivate_totp": Case(signed_in(NOT_FOUND)),
    "mfa_view_recovery_codes": Case(signed_in(NOT_FOUND)),
    "mfa_generate_recovery_codes": Case(signed_in(REAUTHENTICATE)),
    "mfa_download_recovery_codes": Case(signed_in(NOT_FOUND)),
}
