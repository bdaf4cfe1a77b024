"""import_compilation: what it writes, how it links speakers, that it is all or nothing."""

import pytest
from django.db.models import Model

from accounts.models import Activity, Verb
from speeches.models import (
    Compilation,
    DatePrecision,
    Paragraph,
    Section,
    Speaker,
    SpeakerAlias,
    Speech,
)
from speeches.services import imports
from speeches.services.imports import import_compilation, parse_upload
from text.parsing import parse_text
from text.segmentation import search_tokens
from text.structure import flatten_sections

SEED_NAME = "000_664d169cac1943db.txt"

ALL_MODELS: list[type[Model]] = [
    Compilation, Speech, Section, Paragraph, Speaker, SpeakerAlias, Activity
]


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in ALL_MODELS}


def import_text(text: str, *, user=None, source: str = "test.txt"):
    parsed = parse_text(text, source=source)
    return import_compilation(parsed=parsed, size=len(text.encode()), user=user)


@pytest.fixture
def seed_parsed(seed_bytes):
    return parse_upload(data=seed_bytes, filename=SEED_NAME)


def section_key_path(section: Section | None) -> tuple[str, ...]:
    """The keys (marker, or heading when unnumbered) from the outermost section down."""
    path: list[str] = []
    while section is not None:
        path.append(section.marker or section.heading)
        section = section.parent
    return tuple(reversed(path))


@pytest.mark.django_db
def test_the_seed_is_written_speech_by_speech(editor, seed_bytes, seed_parsed):
    result = import_compilation(parsed=seed_parsed, size=len(seed_bytes), user=editor)

    assert result.created
    compilation = result.compilation
    assert compilation.sha256 == seed_parsed.sha256
    assert compilation.text == seed_parsed.text
    assert compilation.size == len(seed_bytes)
    assert compilation.source_name == SEED_NAME
    assert compilation.uploaded_by == editor
    speeches = list(compilation.speeches.order_by("position"))
    assert [s.position for s in speeches] == list(range(1, len(seed_parsed.speeches) + 1))
    for speech, parsed in zip(speeches, seed_parsed.speeches, strict=True):
        assert speech.title == parsed.title
        assert speech.role == (parsed.role or "")
        assert speech.event == (parsed.event or "")
        assert speech.date_iso == parsed.date
        assert speech.salutation == (parsed.salutation or "")
        assert speech.paragraphs.count() == len(parsed.paragraphs)
        assert speech.sections.count() == len(flatten_sections(parsed.sections))
        texts = list(speech.paragraphs.order_by("position").values_list("text", flat=True))
        assert texts == [p.text for p in parsed.paragraphs]


@pytest.mark.django_db
def test_the_section_tree_keeps_parents_and_document_order(seed_bytes, seed_parsed):
    compilation = import_compilation(parsed=seed_parsed, size=len(seed_bytes)).compilation

    for speech, parsed in zip(
        compilation.speeches.order_by("position"), seed_parsed.speeches, strict=True
    ):
        flat = flatten_sections(parsed.sections)
        rows = list(speech.sections.select_related("parent").order_by("position"))
        assert [row.position for row in rows] == list(range(1, len(flat) + 1))
        for row, item in zip(rows, flat, strict=True):
            assert (row.marker, row.heading, row.level, row.run_in) == (
                item.section.marker,
                item.section.heading,
                item.section.level,
                item.section.run_in,
            )
            expected_parent = flat[item.parent].index + 1 if item.parent is not None else None
            assert (row.parent.position if row.parent else None) == expected_parent
            assert row.parent is None or row.parent.position < row.position


@pytest.mark.django_db
def test_each_paragraph_lies_in_the_section_its_path_names(seed_bytes, seed_parsed):
    compilation = import_compilation(parsed=seed_parsed, size=len(seed_bytes)).compilation

    checked_nested = 0
    for speech, parsed in zip(
        compilation.speeches.order_by("position"), seed_parsed.speeches, strict=True
    ):
        paragraphs = speech.paragraphs.select_related(
            "section__parent__parent__parent"
        ).order_by("position")
        for paragraph, expected in zip(paragraphs, parsed.paragraphs, strict=True):
            assert section_key_path(paragraph.section) == tuple(expected.section_path)
            checked_nested += len(expected.section_path) > 1
    # The seed nests points (第一，一是) inside numbered sections.
    assert checked_nested > 0


@pytest.mark.django_db
def test_repeated_markers_resolve_to_the_nearest_section():
    # Every 一、 has its own 一是: the second 一是 paragraph belongs under 二、.
    text = (
        "关于工作的讲话\n"
        "一、第一部分\n一是抓落实。落实要有力。\n总之要抓好。\n"
        "二、第二部分\n一是抓改革。改革要深入。\n总之要改好。\n"
    )
    compilation = import_text(text).compilation
    rows = {
        p.text: section_key_path(p.section)
        for p in Paragraph.objects.filter(speech__compilation=compilation).select_related(
            "section__parent"
        )
    }
    assert rows["一是抓落实。落实要有力。"] == ("一、", "一是")
    assert rows["一是抓改革。改革要深入。"] == ("二、", "一是")
    under_second = Paragraph.objects.get(text="一是抓改革。改革要深入。").section
    assert under_second.parent.heading == "第二部分"


@pytest.mark.django_db
def test_printed_variants_of_a_name_reuse_one_speaker():
    import_text(
        "王萍市长在全市人大工作会议上的讲话\n（2024年8月12日）\n同志们：\n今天开会。\n",
        source="a.txt",
    )
    import_text(
        "关于政府工作的几点意见\n王 萍\n（2024年9月）\n同志们：\n我讲几点意见。\n",
        source="b.txt",
    )
    import_text(
        "市长王萍在全市经济工作会议上的讲话\n（2024年12月）\n同志们：\n经济总体平稳。\n",
        source="c.txt",
    )

    assert list(Speaker.objects.values_list("name", flat=True)) == ["王萍"]
    speaker = Speaker.objects.get()
    assert set(speaker.aliases.values_list("name", flat=True)) == {"王萍市长", "王 萍", "市长王萍"}
    assert Speech.objects.filter(speaker=speaker).count() == 3
    # What was printed stays on each speech beside the resolved person.
    assert set(Speech.objects.values_list("speaker_raw", flat=True)) == {
        "王萍市长",
        "王 萍",
        "市长王萍",
    }


@pytest.mark.django_db
def test_role_only_attributions_link_to_no_one(seed_bytes, seed_parsed):
    compilation = import_compilation(parsed=seed_parsed, size=len(seed_bytes)).compilation
    first = compilation.speeches.get(position=1)
    assert first.speaker is None
    assert first.role == "市长"
    assert Speaker.objects.filter(name="市长").count() == 0


@pytest.mark.django_db
def test_an_alias_of_a_merged_speaker_follows_the_merge():
    target = Speaker.objects.create(name="王萍", slug="wang-ping")
    old = Speaker.objects.create(name="王平", slug="wang-ping-old", merged_into=target)
    SpeakerAlias.objects.create(name="王平市长", speaker=old)
    import_text("王平市长在全市人大工作会议上的讲话\n同志们：\n今天开会。\n")
    assert Speech.objects.get().speaker == target


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("date_line", "stored", "precision", "iso"),
    [
        ("（2024年8月12日）", "2024-08-12", DatePrecision.DAY, "2024-08-12"),
        ("（2024年8月）", "2024-08-01", DatePrecision.MONTH, "2024-08"),
        ("（2024年）", "2024-01-01", DatePrecision.YEAR, "2024"),
    ],
)
def test_dates_are_stored_at_their_precision(date_line, stored, precision, iso):
    import_text(f"市长在全市人大工作会议上的讲话\n{date_line}\n同志们：\n今天开会。\n")
    speech = Speech.objects.get()
    assert speech.date.isoformat() == stored
    assert speech.date_precision == precision
    assert speech.date_iso == iso


@pytest.mark.django_db
def test_a_publication_date_is_not_the_speech_date(seed_bytes, seed_parsed):
    compilation = import_compilation(parsed=seed_parsed, size=len(seed_bytes)).compilation
    fourth = compilation.speeches.get(position=4)
    assert fourth.published_iso == "2024-08-14"
    assert fourth.date_iso == "2024-08-12"


@pytest.mark.django_db
def test_search_tokens_are_computed_once_at_import(seed_bytes, seed_parsed):
    compilation = import_compilation(parsed=seed_parsed, size=len(seed_bytes)).compilation
    paragraphs = Paragraph.objects.filter(speech__compilation=compilation)
    assert not paragraphs.filter(tokens="").exists()
    loyal = paragraphs.get(text__startswith="忠诚于党不负人民，坚决做到")
    # jieba's word, marked as a whole word, and its character pairs.
    assert {"w两个维护", "两个", "维护"} <= set(loyal.tokens.split())
    assert all(len(p.text_hash) == 64 for p in paragraphs)


@pytest.mark.django_db
def test_the_import_is_recorded_in_the_activity_log(editor, seed_bytes, seed_parsed):
    compilation = import_compilation(
        parsed=seed_parsed, size=len(seed_bytes), user=editor
    ).compilation
    entry = Activity.objects.get()
    assert (entry.actor, entry.verb) == (editor, Verb.IMPORT)
    assert (entry.target_type, entry.target_id) == ("speeches.compilation", compilation.pk)
    assert entry.data["speeches"] == 5


@pytest.mark.django_db
def test_warnings_keep_their_line_and_the_paragraph_they_point_at(seed_bytes, seed_parsed):
    compilation = import_compilation(parsed=seed_parsed, size=len(seed_bytes)).compilation
    fourth = compilation.speeches.get(position=4)
    merged = next(w for w in fourth.warnings if w["code"] == "merged-heading")
    paragraph = fourth.paragraphs.get(position=merged["paragraph"])
    assert paragraph.line == merged["line"]
    assert paragraph.text.startswith(merged["excerpt"].rstrip("…"))


@pytest.mark.django_db
def test_importing_the_same_text_again_writes_nothing(editor, seed_bytes, seed_parsed):
    first = import_compilation(parsed=seed_parsed, size=len(seed_bytes), user=editor)
    before = row_counts()

    again = import_compilation(
        parsed=parse_upload(data=seed_bytes, filename="renamed.txt"), size=1, user=editor
    )

    assert not again.created
    assert again.compilation == first.compilation
    assert row_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda text: text.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(lambda text: text.encode("gb18030"), id="gb18030"),
        pytest.param(lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"), id="utf8-bom"),
        pytest.param(lambda text: text.encode("utf-16"), id="utf16-bom"),
        pytest.param(lambda text: text.replace("\n", "\n\n  ").encode("utf-8"), id="blank-lines"),
    ],
)
def test_the_same_normalized_text_in_another_encoding_is_the_same_compilation(
    seed_bytes, seed_parsed, variant
):
    first = import_compilation(parsed=seed_parsed, size=len(seed_bytes)).compilation
    before = row_counts()
    data = variant(seed_bytes.decode("utf-8"))
    assert data != seed_bytes

    again = import_compilation(parsed=parse_upload(data=data, filename="v.txt"), size=len(data))

    assert (again.created, again.compilation) == (False, first)
    assert row_counts() == before


@pytest.mark.django_db
def test_a_failure_halfway_leaves_no_rows(monkeypatch, editor, seed_bytes, seed_parsed):
    # The paragraphs of each speech are written by one call (plain INSERTs).
    original = imports._insert_paragraphs
    calls = {"n": 0}

    def failing_insert(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 5:  # the last speech's, after 王萍 was linked in the fourth
            raise RuntimeError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(imports, "_insert_paragraphs", failing_insert)
    before = row_counts()

    with pytest.raises(RuntimeError, match="disk full"):
        import_compilation(parsed=seed_parsed, size=len(seed_bytes), user=editor)

    assert calls["n"] == 5
    assert row_counts() == before
    # Speakers created for earlier speeches went with the rest.
    assert not Speaker.objects.exists()


@pytest.mark.django_db
def test_a_compilation_title_comes_from_the_uploader_or_the_file(seed_bytes, seed_parsed):
    titled = import_compilation(parsed=seed_parsed, size=len(seed_bytes), title="  讲话汇编  ")
    assert titled.compilation.title == "讲话汇编"

    single = import_text("王萍市长在全市人大工作会议上的讲话\n同志们：\n今天开会。\n")
    assert single.compilation.title == "王萍市长在全市人大工作会议上的讲话"


def test_segmenting_on_several_processes_gives_the_same_tokens(monkeypatch, seed_parsed):
    # A pool is used for any text, in chunks of a few paragraphs, as if on two processors.
    monkeypatch.setattr(imports, "PARALLEL_MIN_CHARACTERS", 0)
    monkeypatch.setattr(imports, "CHUNK_CHARACTERS", 300)
    monkeypatch.setattr(imports.os, "sched_getaffinity", lambda pid: {0, 1})
    contexts = []
    get_context = imports.multiprocessing.get_context
    monkeypatch.setattr(
        imports.multiprocessing,
        "get_context",
        lambda method: contexts.append(method) or get_context(method),
    )
    told = []

    tokens = imports._segment(seed_parsed, lambda stage, done: told.append(done))

    assert contexts == ["fork"]
    assert tokens == [
        [search_tokens(paragraph.text) for paragraph in speech.paragraphs]
        for speech in seed_parsed.speeches
    ]
    assert told == sorted(told) and told[-1] == 1.0 and len(told) > 3


@pytest.mark.django_db
def test_paragraphs_split_over_many_statements_are_all_written(monkeypatch, seed_parsed):
    monkeypatch.setattr(imports, "_max_parameters", lambda: 3 * len(imports._PARAGRAPH_FIELDS))

    compilation = import_compilation(parsed=seed_parsed, size=1).compilation

    speeches = compilation.speeches.order_by("position")
    for speech, parsed in zip(speeches, seed_parsed.speeches, strict=True):
        rows = list(
            speech.paragraphs.order_by("position").values_list("position", "text", "line")
        )
        assert rows == [
            (number, paragraph.text, paragraph.line)
            for number, paragraph in enumerate(parsed.paragraphs, start=1)
        ]
