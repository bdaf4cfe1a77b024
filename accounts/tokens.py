"""Personal API tokens: making, checking and revoking them.

A token's secret is ``jh_`` followed by 43 URL-safe characters (256 random
bits). The prefix makes a leaked secret easy to recognise (secret scanners,
logs); the randomness makes a plain SHA-256 a safe thing to store, so a
lookup is one indexed query rather than a slow password hash per request.
"""

import datetime
import hashlib
import logging
import secrets

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import OperationalError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import ApiToken, TokenScope
from core.fields import check_length, one_line

SECRET_PREFIX = "jh_"
# Characters of the secret kept in clear, so the owner can tell tokens apart.
SHOWN_CHARS = len(SECRET_PREFIX) + 6
# last_used_at is written at most this often per token: a script making
# hundreds of requests a minute must not turn every read into a write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
MAX_ACTIVE_TOKENS = 50

logger = logging.getLogger(__name__)


class TokenLimitReached(Exception):
    """The user already holds ``MAX_ACTIVE_TOKENS`` active tokens."""


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(
    *, user: AbstractBaseUser, name: str, scope: TokenScope | str
) -> tuple[ApiToken, str]:
    """Make a token for ``user``; return it with its secret, which is never stored.

    Raises ``TokenLimitReached`` when the user has too many active tokens.
    """
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
            raise TokenLimitReached
        token = ApiToken.objects.create(
            user=user,
            name=check_length(ApiToken, "name", one_line(name)),
            scope=TokenScope(scope),
            prefix=secret[:SHOWN_CHARS],
            secret_hash=hash_secret(secret),
        )
    return token, secret


def revoke_token(*, token: ApiToken) -> ApiToken:
    """Revoke ``token`` for good; revoking twice keeps the first time."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def authenticate_token(secret: str) -> ApiToken | None:
    """The active token whose secret this is, with its user; None otherwise.

    Records the time of use, at most once per ``LAST_USED_RESOLUTION``.
    """
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(secret_hash=hash_secret(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        # A conditional UPDATE, so concurrent requests write once at most.
        stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
        try:
            ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now)
        except OperationalError:
            # SQLite: a long import holds the write lock past the busy
            # timeout. When a token was last used is bookkeeping; a script
            # polling its import job must not fail for it (the next request
            # records it).
            logger.info("last use of API token %s not recorded: database busy", token.pk)
            return token
        token.last_used_at = now
    return token


def tokens_of(*, user: AbstractBaseUser) -> QuerySet[ApiToken]:
    """The user's tokens, newest first, revoked ones included."""
    return ApiToken.objects.filter(user=user)
