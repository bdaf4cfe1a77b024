"""Fixtures for the annotations tests: a small speech and the codebook."""

import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from annotations.models import Theme
from speeches.models import Compilation, Paragraph, Speech
from text.segmentation import search_tokens

PARAGRAPHS = [
    "一、加强人大监督工作",
    "各级人大常委会要依法开展执法检查和专题询问，推进依法行政，建设法治政府。",
    "古籍里的𠀀字很少见，𠀀𠀁 要按码位计算偏移。",
    "全面推进乡村振兴，巩固拓展脱贫攻坚成果，防止规模性返贫。",
]


def make_speech(texts=PARAGRAPHS, title="在全市人大工作会议上的讲话", key="a") -> Speech:
    """A speech written straight to the tables, as ``import_compilation`` would."""
    digest = hashlib.sha256(("".join(texts) + key).encode()).hexdigest()
    compilation = Compilation.objects.create(
        title=title, source_name="test.txt", sha256=digest, encoding="utf-8",
        size=100, text="\n".join(texts), parser_version="test",
    )
    speech = Speech.objects.create(
        compilation=compilation, position=1, title=title, speaker_raw="王萍",
        role="市长", event="全市人大工作会议",
    )
    Paragraph.objects.bulk_create(
        Paragraph(
            speech=speech, position=n, text=text,
            text_hash=hashlib.sha256(text.encode()).hexdigest(), tokens=search_tokens(text),
        )
        for n, text in enumerate(texts, start=1)
    )
    return speech


@pytest.fixture
def speech(db) -> Speech:
    return make_speech()


@pytest.fixture
def paragraphs(speech) -> list[Paragraph]:
    return list(speech.paragraphs.order_by("position"))


@pytest.fixture
def supervision(codebook) -> Theme:
    return codebook["people-s-congress-supervision"]


@pytest.fixture
def rule_of_law(codebook) -> Theme:
    return codebook["rule-of-law"]


def migrate(targets):
    """Move the test database's apps to ``targets`` (app, migration) pairs."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.fixture
def latest_schema_afterwards():
    """Leave every app at its latest migration: later tests need today's tables."""
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
