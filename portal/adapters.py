from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """No open sign-up: admins create accounts or send invitations."""

    def is_open_for_signup(self, request) -> bool:
        return False
