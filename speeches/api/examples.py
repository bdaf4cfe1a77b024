"""Examples the OpenAPI document shows for the speeches API's schemas.

One speech of one compilation, seen from each operation, so that the
examples agree with each other (ids, titles, the paragraph's text).
"""

PARAGRAPH_TEXT = "各级人大常委会要依法开展执法检查和专题询问，推进人大监督工作。"
TEXT_HASH = "1130e2dd53ac75d9a5abd52d5b863d89e1e1909d437ab684460022b321ed6c2d"
SHA256 = "9d3e5c1f0b7a4e2c8d6f1a3b5c7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e"

SPEAKER_REF = {"id": 3, "name": "王萍"}
COMPILATION_REF = {"id": 7, "title": "2024年市长讲话汇编"}

SPEECH_METADATA = {
    "id": 45,
    "position": 2,
    "title": "在全市人大工作会议上的讲话",
    "title_derived": False,
    "speaker": SPEAKER_REF,
    "speaker_raw": "王萍市长",
    "role": "市长",
    "event": "全市人大工作会议",
    "date": "2024-08-12",
    "date_precision": "day",
    "published": None,
    "place": "",
    "url": "/speeches/45/",
}

SPEECH = {**SPEECH_METADATA, "compilation": COMPILATION_REF}

SECTION = {
    "id": 301,
    "parent_id": None,
    "position": 1,
    "level": 1,
    "marker": "一、",
    "heading": "加强人大监督工作",
    "run_in": False,
    "anchor": "s1",
}

PARAGRAPH = {
    "id": 9012,
    "position": 1,
    "section_id": 301,
    "text": PARAGRAPH_TEXT,
    "heading_end": None,
    "anchor": "p1",
}

SPEECH_DETAIL = {
    **SPEECH,
    "salutation": "同志们：",
    "previous_id": 44,
    "next_id": 46,
    "sections": [SECTION],
    "paragraphs": [PARAGRAPH],
}

WARNING = {
    "line": 118,
    "code": "marker-skip",
    "message": "编号「（四）」前缺少编号（应为第 3 项）；请核对是否漏了内容或编号有误。",
    "params": {"expected": 3, "marker": "（四）"},
}

COMPILATION = {
    "id": 7,
    "title": "2024年市长讲话汇编",
    "description": "市政府网站“领导讲话”栏目2024年的全部讲话。",
    "source_name": "2024年讲话.txt",
    "encoding": "gb18030",
    "size": 482133,
    "sha256": SHA256,
    "parser_version": "2",
    "uploaded_by": "editor",
    "created_at": "2024-09-01T10:15:00+08:00",
    "speech_count": 18,
    "withdrawn_at": None,
    "url": "/compilations/7/",
}

COMPILATION_DETAIL = {
    **COMPILATION,
    "speeches": [{**SPEECH_METADATA, "warnings": [WARNING], "paragraph_count": 36}],
}

PARSED_COMPILATION = {
    "source": "2024年讲话.txt",
    "encoding": "gb18030",
    "sha256": SHA256,
    "parser_version": "2",
    "title": "2024年市长讲话汇编",
    "existing_id": None,
    "speeches": [
        {
            "ordinal": 1,
            "line": 3,
            "title": "在全市人大工作会议上的讲话",
            "title_derived": False,
            "speaker": {"name": "王萍", "role": "市长", "raw": "王萍市长"},
            "event": "全市人大工作会议",
            "date": "2024-08-12",
            "published": None,
            "place": None,
            "salutation": "同志们：",
            "sections": [
                {
                    "marker": "一、",
                    "heading": "加强人大监督工作",
                    "level": 1,
                    "run_in": False,
                    "merged_with_body": False,
                    "line": 6,
                    "children": [],
                }
            ],
            "paragraphs": [
                {"text": PARAGRAPH_TEXT, "section_path": ["一、"], "line": 7, "heading_end": None}
            ],
            "warnings": [],
        }
    ],
}

SPEAKER = {
    "id": 3,
    "name": "王萍",
    "slug": "王萍",
    "speech_count": 12,
    "first_date": "2021-03-02",
    "last_date": "2024-08-12",
    "url": "/speakers/%E7%8E%8B%E8%90%8D/",
}

SPEAKER_DETAIL = {
    **SPEAKER,
    "aliases": ["王 萍", "王萍市长"],
    "roles": [{"role": "市长", "count": 9}, {"role": "副市长", "count": 3}],
    "merged_from": [{"id": 8, "name": "王苹"}],
}

SEARCH = {
    "query": "人大 监督",
    "whole_words": False,
    "terms": [
        {"text": "人大", "words": ["人大"], "phrase": False, "excluded": False},
        {"text": "监督", "words": ["监督"], "phrase": False, "excluded": False},
    ],
    "ignored": [],
    "sort": "relevance",
    "total": 132,
    "exact": True,
    "per_year": [{"year": 2023, "count": 57}, {"year": 2024, "count": 75}],
    "reachable": 132,
    "limit": 20,
    "offset": 0,
    "headings": {
        "total": 1,
        "exact": True,
        "items": [
            {
                "section_id": 301,
                "marker": "一、",
                "heading": "加强人大监督工作",
                "highlights": [[2, 6]],
                "speech": {
                    "id": 45,
                    "title": "在全市人大工作会议上的讲话",
                    "speaker": SPEAKER_REF,
                    "role": "市长",
                    "event": "全市人大工作会议",
                    "date": "2024-08-12",
                    "date_precision": "day",
                    "url": "/speeches/45/",
                },
                "url": "/speeches/45/?hl=%E4%BA%BA%E5%A4%A7+%E7%9B%91%E7%9D%A3#s1",
            }
        ],
    },
    "items": [
        {
            "paragraph_id": 9012,
            "position": 1,
            "text": PARAGRAPH_TEXT,
            "truncated": False,
            "highlights": [[2, 4], [24, 28]],
            "section": "一、加强人大监督工作",
            "speech": {
                "id": 45,
                "title": "在全市人大工作会议上的讲话",
                "speaker": SPEAKER_REF,
                "role": "市长",
                "event": "全市人大工作会议",
                "date": "2024-08-12",
                "date_precision": "day",
                "url": "/speeches/45/",
            },
            "url": "/speeches/45/?hl=%E4%BA%BA%E5%A4%A7+%E7%9B%91%E7%9D%A3#p1",
        }
    ],
}

IMPORT_JOB = {
    "id": 7,
    "url": "/api/import-jobs/7",
    "page_url": "/compilations/jobs/7/",
    "filename": "2024年讲话.txt",
    "size": 2500000,
    "stage": "segmenting",
    "stage_label": "segmenting words",
    "percent": 41,
    "seconds_left": 2,
    "finished": False,
    "error": None,
    "created": None,
    "compilation": None,
    "new_version_of": 12,
    "carried": None,
    "created_at": "2024-11-20T09:30:00+08:00",
    "finished_at": None,
}

# ---- Corrections (PATCH and bulk edits, the history, undo) ----

SPEECH_PATCH = {"date": "2024-08", "event": "全市人大工作会议", "speaker": "王萍"}

SPEECH_EDITED = {**SPEECH, "date": "2024-08", "date_precision": "month", "salutation": "同志们："}

COMPILATION_PATCH = {"title": "2024年市长讲话汇编（修订）", "description": "删去了重复的一篇。"}

BULK_EDIT = {
    "speech_ids": [45, 46, 47],
    "changes": {"speaker": "习近平", "event": "中央经济工作会议"},
}

BULK_EDIT_RESULT = {"batch": "5f0c9e8a1b2d4c3e9f8a7b6c5d4e3f2a", "changed": 2, "unchanged": 1}

CHANGE = {
    "id": 912,
    "actor": "editor",
    "verb": "edit",
    "created_at": "2024-09-02T09:30:00+08:00",
    "target_type": "speeches.speech",
    "target_id": 45,
    "speech_id": 45,
    "summary": "在全市人大工作会议上的讲话: date: 2024-08-12 → 2024-08",
    "changes": {"date": {"before": "2024-08-12", "after": "2024-08"}},
    "undo_of": None,
    "batch": None,
    "undoable": True,
}

SPLIT_PARAGRAPH = {"at": 17}
MERGE_PARAGRAPHS = {"separator": ""}
TO_HEADING = {"level": 2}
HEADING_LEVEL = {"level": 1}
SPLIT_SPEECH = {"paragraph": 24, "title": "在全市人大工作会议上的讲话（下）"}
STRUCTURE_RESULT = {
    "speech_id": 45,
    "new_speech_id": None,
    "change_id": 913,
    "annotations_moved": 3,
    "annotations_split": 1,
    "comments_moved": 0,
}
