"""Examples the OpenAPI document shows for the annotations API's schemas.

The passage 执法检查 of paragraph 9012 (the speeches API's examples), tagged
人大监督 and commented on, seen from each operation.
"""

from speeches.api.examples import PARAGRAPH_TEXT, TEXT_HASH

THEME = {
    "id": 1,
    "slug": "people-s-congress-supervision",
    "name": "人大监督",
    "name_en": "People's congress supervision",
    "parent_id": None,
    "colour": "#b8412c",
    "description": "人大及其常委会对“一府一委两院”的监督。",
    "keywords": ["人大监督", "执法检查", "专题询问"],
    "position": 1,
    "active": True,
    "initials": "rdjd",
    "url": "/themes/people-s-congress-supervision/",
}

NEW_THEME = {
    **THEME,
    "id": 12,
    "slug": "law-enforcement-inspection",
    "name": "执法检查",
    "name_en": "Law enforcement inspection",
    "parent_id": 1,
    "colour": "#2f5f9e",
    "description": "对法律实施情况的检查。",
    "keywords": ["执法检查"],
    "initials": "zfjc",
    "url": "/themes/law-enforcement-inspection/",
}

THEME_IN = {
    "name": "执法检查",
    "name_en": "Law enforcement inspection",
    "colour": "#2f5f9e",
    "parent_id": 1,
    "description": "对法律实施情况的检查。",
    "keywords": ["执法检查"],
}

THEME_PATCH = {"name": "执法检查与专题询问", "colour": "#7d6319", "parent_id": 0, "position": 2}

THEME_MERGE = {"into_id": 1}

START = PARAGRAPH_TEXT.index("执法检查")
END = START + len("执法检查")

ANNOTATION_IN = {
    "paragraph_id": 9012,
    "start": START,
    "end": END,
    "quote": "执法检查",
    "theme_ids": [1],
    "note": "",
    "text_hash": TEXT_HASH,
}

ANNOTATION = {
    "id": 120,
    "paragraph_id": 9012,
    "speech_id": 45,
    "paragraph_position": 1,
    "start": START,
    "end": END,
    "quote": "执法检查",
    "prefix": PARAGRAPH_TEXT[:START],
    "suffix": PARAGRAPH_TEXT[END:],
    "text_hash": TEXT_HASH,
    "note": "与第三段的专题询问对照。",
    "theme_ids": [1, 12],
    "author": "annotator",
    "created_at": "2024-09-03T09:30:00+08:00",
    "updated_at": "2024-09-03T09:42:10+08:00",
    "can_change": True,
    "rule_id": None,
    "rule": None,
}

ANNOTATION_PATCH = {"theme_ids": [1, 12], "note": "与第三段的专题询问对照。"}

ANNOTATION_JSONLD = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    "id": "https://jianghua.example.org/api/annotations/120/jsonld",
    "type": "Annotation",
    "motivation": "tagging",
    "created": "2024-09-03T09:30:00+08:00",
    "modified": "2024-09-03T09:42:10+08:00",
    "body": [
        {"type": "TextualBody", "purpose": "tagging", "value": "人大监督", "language": "zh-Hans"},
        {
            "type": "SpecificResource",
            "purpose": "classifying",
            "source": "https://jianghua.example.org/themes/people-s-congress-supervision/",
        },
        {"type": "TextualBody", "purpose": "commenting", "value": "与第三段的专题询问对照。"},
    ],
    "target": {
        "source": "https://jianghua.example.org/speeches/45/#p1",
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": "执法检查",
                "prefix": PARAGRAPH_TEXT[:START],
                "suffix": PARAGRAPH_TEXT[END:],
            },
            {"type": "TextPositionSelector", "start": START, "end": END},
        ],
    },
    "creator": {"type": "Person", "nickname": "annotator"},
}

SUGGESTION = {"paragraph_id": 9012, "theme_id": 1, "keywords": ["执法检查"]}

SUGGESTION_ACCEPT = {"paragraph_id": 9012, "theme_id": 1}

COMMENT = {
    "id": 31,
    "paragraph_id": 9012,
    "parent_id": None,
    "author": "annotator",
    "body": "这里要核对原文的日期。",
    "created_at": "2024-09-03T10:05:00+08:00",
    "edited_at": None,
    "deleted": False,
    "can_edit": True,
    "can_delete": True,
}

COMMENT_IN = {"paragraph_id": 9012, "body": "已核对，日期无误。", "parent_id": 31}

COMMENT_PATCH = {"body": "这里要核对原文的会议日期。"}

CODEBOOK_IMPORT = {"created": [NEW_THEME], "existing": 9, "recoloured": []}

AGREEMENT_PAIR = {
    "first": "lihua",
    "second": "wangfang",
    "speeches": 3,
    "paragraphs": 120,
    "mean_kappa": 0.62,
    "first_from_rules": 0,
    "second_from_rules": 12,
    "themes": [
        {
            "theme_id": 1,
            "theme": "人大监督",
            "both": 14,
            "first_only": 3,
            "second_only": 5,
            "neither": 98,
            "agreement": 0.933,
            "kappa": 0.737,
        }
    ],
}

ACTIVITY = {
    "id": 88,
    "created_at": "2024-09-03T09:30:00+08:00",
    "actor": "lihua",
    "verb": "tag",
    "summary": "“依法开展执法检查” 人大监督",
    "target_type": "annotations.annotation",
    "target_id": 120,
}

REATTACH = {"paragraph_id": 1208, "start": 8, "end": 12, "quote": "执法检查"}

RULE_START = PARAGRAPH_TEXT.index("执法检查")

RULE = {
    "id": 4,
    "name": "执法检查",
    "theme_id": 1,
    "query": "执法检查",
    "whole_words": False,
    "filters": {"year": "2024"},
    "author": "lihua",
    "created_at": "2024-09-04T08:15:00+08:00",
    "last_run_at": "2024-09-05T21:02:11+08:00",
    "capped": False,
    "accepted": 18,
    "rejected": 2,
    "pending": 7,
    "reviewed": 20,
    "precision": 0.9,
    "url": "/themes/rules/4/",
}

RULE_IN = {
    "theme_id": 1,
    "query": "执法检查",
    "whole_words": False,
    "filters": {"year": "2024"},
    "name": "执法检查",
}

RULE_PATCH = {"query": "执法检查 -信访", "name": "执法检查（不含信访）"}

RULE_RUN = {"new_hits": 3, "rule": {**RULE, "pending": 10}}

RULE_HIT = {
    "id": 5120,
    "paragraph_id": 9012,
    "speech_id": 45,
    "speech_title": "在全市人大工作会议上的讲话",
    "paragraph_position": 1,
    "start": RULE_START,
    "end": RULE_START + 4,
    "quote": "执法检查",
    "before": PARAGRAPH_TEXT[:RULE_START],
    "after": PARAGRAPH_TEXT[RULE_START + 4 :],
    "status": "pending",
    "covered_by": None,
    "annotation_id": None,
    "reviewer": None,
    "reviewed_at": None,
    "url": "/speeches/45/?hl=执法检查#p1",
}

RULE_REVIEW = {"hit_ids": [5120, 5121], "decision": "accept"}

RULE_REVIEW_OUT = {
    "accepted": 2, "rejected": 0, "covered": 1, "already": 0, "stale": 0, "annotation_ids": [121]
}

RULE_AGREEMENT = {
    "rule_id": 4,
    "coder": "wangfang",
    "hits": "accepted",
    "speeches": 3,
    "paragraphs": 120,
    "coder_from_rules": 12,
    "theme_id": 1,
    "theme": "人大监督",
    "both": 14,
    "rule_only": 3,
    "coder_only": 5,
    "neither": 98,
    "agreement": 0.933,
    "kappa": 0.737,
}
