"""How django-allauth behaves in this portal: nobody signs up on their own;
an agency's coordinator invites colleagues."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False
