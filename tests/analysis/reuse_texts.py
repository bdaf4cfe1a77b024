"""Small written speeches for the text-reuse tests: each a few paragraphs of
its own, some sharing a passage exactly or with changed names, numbers and
punctuation, one sharing only a short phrase."""

import datetime
import hashlib

from speeches.models import Compilation, Paragraph, Speaker, Speech
from text.segmentation import search_tokens

SHARED = (
    "全面贯彻党的二十大精神，坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，"
    "加快构建新发展格局，着力推动高质量发展，张三同志在2023年取得了显著成绩。"
)
EDITED = (
    "全面贯彻党的二十大精神；坚持稳中求进工作总基调、完整准确全面贯彻新发展理念，"
    "加快构建新发展格局，着力推动高质量发展，李四光同志在2024年取得了显著成绩！"
)
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


def make_speech(key: str, *, speaker: Speaker | None = None, date=None, title: str = "") -> Speech:
    texts = OWN[key]
    compilation = Compilation.objects.create(
        title=title or f"汇编{key}", source_name=f"{key}.txt",
        sha256=hashlib.sha256(key.encode()).hexdigest(), encoding="utf-8", size=100,
        text="\n".join(texts), parser_version="test",
    )
    speech = Speech.objects.create(
        compilation=compilation, position=1, title=f"讲话{key}", speaker=speaker,
        speaker_raw=speaker.name if speaker else "", date=date,
        date_precision="day" if date else "",
    )
    Paragraph.objects.bulk_create(
        Paragraph(
            speech=speech, position=n, text=text,
            text_hash=hashlib.sha256(text.encode()).hexdigest(), tokens=search_tokens(text),
        )
        for n, text in enumerate(texts, start=1)
    )
    return speech


def make_archive() -> dict[str, Speech]:
    wang = Speaker.objects.create(name="王萍", slug="wang-ping")
    li = Speaker.objects.create(name="李明", slug="li-ming")
    return {
        "model": make_speech("model", speaker=wang, date=datetime.date(2020, 3, 1)),
        "copy": make_speech("copy", speaker=li, date=datetime.date(2022, 5, 1)),
        "short": make_speech("short", speaker=li, date=datetime.date(2021, 1, 1)),
        "exact": make_speech("exact", date=datetime.date(2019, 6, 1)),
    }
