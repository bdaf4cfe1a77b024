"""Uploads waiting between the preview and the editor's confirmation.

The file's bytes go to a private storage (``STORAGES["pending_uploads"]``,
never served) under a random token; the token is recorded in the
uploader's session, so only that person, in that session, can confirm or
discard it. On confirmation the bytes are parsed again on the server: the
text imported is always the uploaded file, never text sent back by the
browser. Entries expire after ``PENDING_UPLOAD_TTL``; expired files are
removed whenever a new upload is held.
"""

from __future__ import annotations

import datetime
import logging
import secrets
import time
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import asdict, dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.utils import timezone

from speeches.services.kept_parses import forget_parse, keep_parse
from text.parsing import ParsedCompilation

logger = logging.getLogger(__name__)

SESSION_KEY = "pending_uploads"
# Where a person's held uploads are listed: any mutable mapping. The upload
# views pass the person's session, which ties an upload to the session that
# made it; the services know nothing else of HTTP.
Holdings = MutableMapping[str, Any]
# Long enough to review a large compilation, short enough that abandoned
# uploads do not pile up.
PENDING_UPLOAD_TTL = datetime.timedelta(hours=6)


@dataclass(frozen=True)
class PendingUpload:
    """An upload held for confirmation."""

    token: str
    user_id: int
    filename: str
    size: int
    title: str
    created: float  # POSIX timestamp

    @property
    def expired(self) -> bool:
        return timezone.now().timestamp() - self.created > PENDING_UPLOAD_TTL.total_seconds()


def _storage() -> Storage:
    return storages["pending_uploads"]


def _name(token: str) -> str:
    return f"{token}.upload"


def hold_upload(
    *,
    session: Holdings,
    user_id: int,
    data: bytes,
    filename: str,
    title: str = "",
    parsed: ParsedCompilation | None = None,
) -> PendingUpload:
    """Keep ``data`` until it is confirmed or discarded; returns its handle.

    ``parsed``: what the parser made of ``data`` read as ``filename``, kept
    beside it so that the preview and the import need not parse it again
    (``speeches.services.kept_parses``).
    """
    now_and_then("pending uploads", purge_expired)
    token = secrets.token_urlsafe(24)
    _storage().save(_name(token), ContentFile(data))
    if parsed is not None:
        keep_parse(name=_name(token), data=data, filename=filename, parsed=parsed)
    pending = PendingUpload(
        token=token,
        user_id=user_id,
        filename=filename,
        size=len(data),
        title=title,
        created=timezone.now().timestamp(),
    )
    held = dict(session.get(SESSION_KEY, {}))
    held[token] = asdict(pending)
    session[SESSION_KEY] = held
    return pending


def get_pending(*, session: Holdings, user_id: int, token: str) -> PendingUpload | None:
    """The upload held under ``token`` for this session and user, if still there."""
    entry = session.get(SESSION_KEY, {}).get(token)
    if entry is None:
        return None
    pending = PendingUpload(**entry)
    if pending.user_id != user_id or pending.expired or not _storage().exists(_name(token)):
        discard_pending(session=session, token=token)
        return None
    return pending


def read_pending(pending: PendingUpload) -> bytes:
    with _storage().open(_name(pending.token), "rb") as handle:
        return handle.read()


def held_name(pending: PendingUpload) -> str:
    """The name the upload's bytes are held under (and its parse beside them)."""
    return _name(pending.token)


def discard_pending(*, session: Holdings, token: str) -> None:
    """Forget the upload and delete its bytes."""
    held = dict(session.get(SESSION_KEY, {}))
    if held.pop(token, None) is not None:
        session[SESSION_KEY] = held
    _storage().delete(_name(token))
    forget_parse(name=_name(token))


def purge_expired() -> int:
    """Delete held files older than the time to live; returns how many."""
    storage = _storage()
    try:
        _dirs, files = storage.listdir("")
    except FileNotFoundError:
        return 0
    removed = delete_stale(storage, files)
    if removed:
        logger.info("removed %s expired pending uploads", removed)
    return removed


# A folder is looked through at most this often by a process: a command
# holding or importing a thousand files would otherwise list it a thousand times.
PURGE_EVERY_SECONDS = 60
_last_purges: dict[str, float] = {}


def now_and_then(name: str, purge: Callable[[], object]) -> None:
    """Run ``purge`` unless this process ran the purge called ``name`` less
    than ``PURGE_EVERY_SECONDS`` ago. Housekeeping: whatever stops it is
    logged and does not stop the upload or the import that asked for it."""
    now = time.monotonic()
    last = _last_purges.get(name)
    if last is not None and now - last < PURGE_EVERY_SECONDS:
        return
    _last_purges[name] = now
    try:
        purge()
    except Exception:
        logger.exception("the stale files of %s could not be purged", name)


def delete_stale(storage: Storage, names: Iterable[str]) -> int:
    """Delete those of ``names`` in ``storage`` not written for
    ``PENDING_UPLOAD_TTL``; returns how many."""
    cutoff = timezone.now() - PENDING_UPLOAD_TTL
    removed = 0
    for name in names:
        try:
            if storage.get_modified_time(name) < cutoff:
                storage.delete(name)
                removed += 1
        except FileNotFoundError:
            continue  # removed by another process meanwhile
    return removed
