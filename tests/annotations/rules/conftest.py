"""Fixtures for the search-to-theme rules: two speeches that name 人大 and 监督."""

import pytest

from annotations.services.rules import create_rule
from tests.annotations.conftest import make_speech

FIRST = [
    "一、加强人大监督工作",
    "各级人大常委会要依法开展执法检查，人大代表要密切联系群众。",
    "全面推进乡村振兴，巩固拓展脱贫攻坚成果。",
]
SECOND = [
    "二、人大工作要有新作为",
    "要支持人大依法履职，监督政府工作。",
]


@pytest.fixture
def speeches(db):
    return make_speech(FIRST, key="first"), make_speech(SECOND, title="第二篇讲话", key="second")


@pytest.fixture
def rule(editor, supervision, speeches):
    """人大, over every current speech: five matches in four paragraphs."""
    return create_rule(actor=editor, theme=supervision, query="人大", name="人大")
