"""Signed, expiring links that prove a person reads a mailbox."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    """Django's password-reset tokens (HMAC of the account's state, expiring after
    PASSWORD_RESET_TIMEOUT), with their own salt so that one kind of link is never accepted as
    the other. The hash covers the verification date and the password: the link stops working
    once used, and when a new sign-up for the same pending address replaces the password."""

    key_salt = "accounts.tokens.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        verified = user.email_verified_at.isoformat() if user.email_verified_at else ""
        return f"{user.pk}{user.password}{user.is_active}{verified}{user.email}{timestamp}"


email_verification_token = EmailVerificationTokenGenerator()
