"""Uploads held for confirmation: bound to a session and a user, removed when stale."""

import os
import time

import pytest
from django.contrib.sessions.backends.db import SessionStore

from speeches.services.pending import (
    PENDING_UPLOAD_TTL,
    discard_pending,
    get_pending,
    hold_upload,
    purge_expired,
    read_pending,
)


@pytest.fixture
def location(pending_dir):
    return pending_dir


def test_the_bytes_come_back_only_to_their_session_and_user(location):
    session = SessionStore()
    held = hold_upload(session=session, user_id=7, data="讲话".encode(), filename="a.txt")

    assert (
        read_pending(get_pending(session=session, user_id=7, token=held.token)) == "讲话".encode()
    )
    assert get_pending(session=SessionStore(), user_id=7, token=held.token) is None
    assert get_pending(session=session, user_id=8, token=held.token) is None
    # Asking as someone else discards it: a session is one person's.
    assert list(location.iterdir()) == []


def test_tokens_are_long_and_random(location):
    session = SessionStore()
    tokens = {
        hold_upload(session=session, user_id=1, data=b"x", filename="a").token for _ in range(5)
    }
    assert len(tokens) == 5
    assert all(len(token) >= 32 for token in tokens)


def test_discarding_removes_the_file_and_the_entry(location):
    session = SessionStore()
    held = hold_upload(session=session, user_id=1, data=b"x", filename="a.txt")
    discard_pending(session=session, token=held.token)
    assert get_pending(session=session, user_id=1, token=held.token) is None
    assert list(location.iterdir()) == []


def test_abandoned_files_are_purged_when_the_next_upload_is_held(location, monkeypatch):
    old = hold_upload(session=SessionStore(), user_id=1, data=b"old", filename="old.txt")
    stale = time.time() - PENDING_UPLOAD_TTL.total_seconds() - 60
    os.utime(location / f"{old.token}.upload", (stale, stale))
    monkeypatch.setattr("speeches.services.pending._last_purges", {})  # a minute later

    fresh = hold_upload(session=SessionStore(), user_id=2, data=b"new", filename="new.txt")

    assert sorted(p.name for p in location.iterdir()) == [f"{fresh.token}.upload"]
    assert purge_expired() == 0


def test_the_folder_is_looked_through_at_most_once_a_minute(location, monkeypatch):
    calls = []
    monkeypatch.setattr("speeches.services.pending.purge_expired", lambda: calls.append(1))
    for name in ("a", "b", "c"):
        hold_upload(session=SessionStore(), user_id=1, data=b"x", filename=f"{name}.txt")
    assert calls == [1]
    monkeypatch.setattr("speeches.services.pending.PURGE_EVERY_SECONDS", 0)
    hold_upload(session=SessionStore(), user_id=1, data=b"x", filename="d.txt")
    assert calls == [1, 1]


def test_a_purge_that_fails_does_not_stop_the_upload(location, monkeypatch, caplog):
    def broken():
        raise PermissionError("the folder cannot be read")

    monkeypatch.setattr("speeches.services.pending.purge_expired", broken)
    held = hold_upload(session=SessionStore(), user_id=1, data=b"x", filename="a.txt")
    assert (location / f"{held.token}.upload").read_bytes() == b"x"
    assert "could not be purged" in caplog.text
