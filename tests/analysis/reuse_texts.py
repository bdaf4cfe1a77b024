"""Small written speeches for the text-reuse tests: each a few paragraphs of
its own, some sharing a passage exactly or with changed names, numbers and
punctuation, one sharing only a short phrase."""

import datetime

from analysis.services import reuse
from speeches.models import Speaker, Speech
from tests.analysis import conftest
from tests.text.reuse_texts import EDITED, SHARED

__all__ = ["EDITED", "SHARED", "computed_archive", "make_archive"]

OWN = {
    "model": [
        "今年以来全县上下紧紧围绕年初确定的目标任务扎实做好各项工作，农业生产总体平稳。",
        SHARED,
        "畜牧业健康发展，林业生态建设持续推进，水利设施不断完善。",
    ],
    "copy": [
        "在这次会议上我主要讲三点意见：第一要认清形势，第二要突出重点，第三要加强领导。",
        EDITED,
    ],
    "short": [
        "春节前后要组织开展安全生产大检查，重点检查道路交通和消防。",
        SHARED[:30] + "对检查发现的隐患要立即整改，坚决防止重特大事故发生。",
    ],
    "exact": [
        "教育卫生文化体育等社会事业全面进步，城乡居民收入较快增长。",
        "同志们，" + SHARED,
    ],
}


def make_speech(key: str, *, speaker: Speaker | None = None, date=None) -> Speech:
    return conftest.make_speech(
        key, speaker=speaker, date=date, precision="day" if date else "", texts=OWN[key]
    )


def make_archive() -> dict[str, Speech]:
    wang = Speaker.objects.create(name="王萍", slug="wang-ping")
    li = Speaker.objects.create(name="李明", slug="li-ming")
    return {
        "model": make_speech("model", speaker=wang, date=datetime.date(2020, 3, 1)),
        "copy": make_speech("copy", speaker=li, date=datetime.date(2022, 5, 1)),
        "short": make_speech("short", speaker=li, date=datetime.date(2021, 1, 1)),
        "exact": make_speech("exact", date=datetime.date(2019, 6, 1)),
    }


def computed_archive() -> dict[str, Speech]:
    """The archive, with text reuse computed over it."""
    speeches = make_archive()
    run = reuse.start_run(user=None, enqueue=False)
    reuse.run_reuse_job(run_id=run.pk)
    return speeches
