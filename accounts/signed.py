"""Unguessable tokens and signed keys, for any app: only their hashes (a respondent's sheet
token, an invitation) or HMACs (a session's join link) are ever stored. Generic, so it sits with
identity in the lowest layer; verification links are accounts.tokens (Django's generator)."""

import hashlib
import secrets

from django.utils.crypto import constant_time_compare, salted_hmac

TOKEN_BYTES = 24  # 192 random bits


def new_token():
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_key():
    return secrets.token_urlsafe(16)  # 128 random bits, a public identifier


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def sign(key, purpose):
    # The link carries key + HMAC(key): a copy of the database alone does not give working links.
    return salted_hmac(f"qvt.{purpose}", key, algorithm="sha256").hexdigest()[:32]


def split_signed(token, purpose):
    """Return the key of a well-signed `key.signature` token, or None."""
    key, _, signature = (token or "").partition(".")
    if not key or not signature or len(token) > 200:
        return None
    if not constant_time_compare(sign(key, purpose), signature):
        return None
    return key
