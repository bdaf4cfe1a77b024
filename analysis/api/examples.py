"""Examples for the text-reuse operations' OpenAPI schemas."""

from speeches.api.examples import COMPILATION_REF, SPEAKER_REF

SPEECH_REF = {
    "id": 12, "title": "在全市人大工作会议上的讲话", "date": "2024-08-12",
    "speaker": SPEAKER_REF, "compilation": COMPILATION_REF,
}
OTHER_REF = {
    "id": 31, "title": "在全县人大工作会议上的讲话", "date": "2024-10-09",
    "speaker": None, "compilation": {"id": 9, "title": "2024年县长讲话汇编"},
}
RUN = {
    "id": 4, "kind": "full", "compilation_id": None, "min_characters": 50, "stage": "aligning",
    "stage_label": "对齐段落", "percent": 72, "seconds_left": 40, "speeches": 0, "passages": 0,
    "error": "",
    "created_at": "2024-09-01T08:00:00Z", "started_at": "2024-09-01T08:00:02Z",
    "finished_at": None,
}
STATUS = {"computed_at": "2024-08-31T23:10:04Z", "run": RUN}
PAIR = {
    "speech_a": SPEECH_REF, "speech_b": OTHER_REF, "passages": 3,
    "characters_a": 412, "characters_b": 409, "characters": 412,
}
SPEECH_REUSE = {
    "speech": SPEECH_REF, "characters": 5230, "reused": 412, "share": 0.0788,
    "others": [{"speech": OTHER_REF, "passages": 3, "characters": 412, "relation": "later"}],
    "computed_at": "2024-08-31T23:10:04Z",
}
COMPARISON = {
    "left": SPEECH_REF, "right": OTHER_REF,
    "passages": [
        {
            "left_start": 120, "left_end": 196, "right_start": 88, "right_end": 165,
            "left_paragraph": 3, "right_paragraph": 2, "length": 76, "similarity": 0.9577,
            "pieces": [
                {"same": True, "left": "着力推动高质量发展，", "right": "着力推动高质量发展，"},
                {"same": False, "left": "张三", "right": "李四光"},
                {"same": True, "left": "同志在202", "right": "同志在202"},
                {"same": False, "left": "3", "right": "4"},
                {"same": True, "left": "年取得了显著成绩", "right": "年取得了显著成绩"},
            ],
        }
    ],
    "computed_at": "2024-08-31T23:10:04Z",
}
