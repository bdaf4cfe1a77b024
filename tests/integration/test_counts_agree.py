"""Every place that shows a count shows the same one.

One archive holds the hard cases together: a withdrawn compilation, a
compilation superseded by a new version (its passages moved, one left in
the orphan queue), a speech without a date, a speaker merged into another,
a theme with sub-themes and an inactive sub-theme, one paragraph tagged by
two coders and twice by one coder (once with a theme and its sub-theme), a
passage the new version split over two paragraphs, a paragraph with the
term three times and the term in a section heading. For each concept the
tests read every page, export and API that shows it and compare them with
one count made by hand from the fixture.
"""

import csv
import datetime
import hashlib
import io
import json
import zipfile

import pytest
from django.urls import reverse
from lxml import etree
from openpyxl import load_workbook

from analysis.services import Dimension, cooccurrence, crosstab, term_trend
from annotations import services as annotation_services
from annotations.models import Annotation, Theme
from speeches.filters import SpeechFilters
from speeches.models import Compilation, Paragraph, Section, Speaker, Speech
from speeches.services.retire import withdraw_compilation
from speeches.services.speakers import merge_speakers
from speeches.services.versions import supersede
from tests.conftest import client_for, make_user
from text.segmentation import search_tokens

pytestmark = pytest.mark.django_db

TERM = "依法行政"
MEETING = "全市人大工作会议"
OTHER_MEETING = "全市人大工作座谈会"


def _compilation(key: str) -> Compilation:
    return Compilation.objects.create(
        title=f"汇编{key}", source_name=f"{key}.txt",
        sha256=hashlib.sha256(key.encode()).hexdigest(), encoding="utf-8", size=100,
        text=key, parser_version="test",
    )


def _speech(compilation, texts, *, position=1, speaker=None, date=None, heading="", event=""):
    speech = Speech.objects.create(
        compilation=compilation, position=position, title=f"讲话{compilation.title}{position}",
        speaker=speaker, speaker_raw=speaker.name if speaker else "", role="市长",
        event=event, event_key=event, date=date, date_precision="day" if date else "",
    )
    section = (
        Section.objects.create(speech=speech, position=1, level=1, heading=heading)
        if heading else None
    )
    Paragraph.objects.bulk_create(
        Paragraph(
            speech=speech, section=section, position=n, text=text,
            text_hash=hashlib.sha256(text.encode()).hexdigest(), tokens=search_tokens(text),
        )
        for n, text in enumerate(texts, start=1)
    )
    return speech


def _tag(speech, position, quote, themes, author):
    paragraph = speech.paragraphs.get(position=position)
    start = paragraph.text.index(quote)
    return annotation_services.tag_passage(
        paragraph=paragraph, start=start, end=start + len(quote), quote=quote,
        themes=themes, author=author,
    )


@pytest.fixture
def hard(db):
    alice = make_user("alice", "annotator")
    bob = make_user("bob", "annotator")
    editor = make_user("counter", "editor")
    wang = Speaker.objects.create(name="王萍", slug="wang-ping")
    alias = Speaker.objects.create(name="王苹", slug="wang-ping-2")
    li = Speaker.objects.create(name="李明", slug="li-ming")

    law = Theme.objects.create(name="法治（计数）", slug="law", colour="#2f5f9e", position=900)
    admin = Theme.objects.create(
        name="依法行政（计数）", slug="admin-by-law", colour="#2f6b3a", parent=law, position=1
    )
    old_sub = Theme.objects.create(
        name="旧子题（计数）", slug="old-sub", colour="#6b2f8a", parent=law, position=2,
    )
    supervision = Theme.objects.create(
        name="人大监督（计数）", slug="supervision", colour="#8a4b2f", position=901
    )

    # 2020, wang: the term three times in one paragraph, once in a section heading.
    first = _speech(
        _compilation("first"),
        ["依法行政，依法行政，再说一遍依法行政。", "人大监督要加强，执法检查要常态化。"],
        speaker=wang, date=datetime.date(2020, 3, 1), heading="依法行政的要求", event=MEETING,
    )
    # 2021, printed under another name, merged into wang below.
    second = _speech(
        _compilation("second"), ["坚持依法行政，建设法治政府。", "乡村振兴要久久为功。"],
        speaker=alias, date=datetime.date(2021, 6, 5), event=MEETING,
    )
    # No date, li.
    undated = _speech(
        _compilation("undated"), ["没有日期的讲话也谈依法行政。", "人大监督贯穿始终。"],
        speaker=li, event=OTHER_MEETING,
    )
    # Withdrawn, wang: its passages and hits stay in the database, out of every count.
    gone = _speech(
        _compilation("gone"), ["撤回的汇编也讲依法行政。", "人大监督不能缺位。"],
        speaker=wang, date=datetime.date(2021, 1, 1), event=MEETING,
    )
    # Superseded, li: the new version keeps one paragraph, splits another, drops a third.
    old = _speech(
        _compilation("old"),
        ["旧版第一段讲依法行政。", "人大监督和依法行政相辅相成，缺一不可。",
         "这一段在新版里删掉了。"],
        speaker=li, date=datetime.date(2022, 5, 1),
    )

    # One paragraph, two coders; alice twice, once with a theme and its sub-theme.
    p = first.paragraphs.get(position=1).text
    _tag(first, 1, p[:4], [law, admin], alice)
    _tag(first, 1, p[5:9], [admin], alice)
    _tag(first, 1, p[:9], [law], bob)
    _tag(first, 2, "人大监督", [supervision], alice)
    _tag(first, 2, "执法检查", [old_sub], bob)  # the inactive sub-theme
    _tag(second, 1, "依法行政", [admin], bob)
    _tag(undated, 1, "依法行政", [admin], alice)
    _tag(undated, 2, "人大监督", [supervision], bob)
    _tag(gone, 1, "依法行政", [admin, law], alice)
    _tag(gone, 2, "人大监督", [supervision], bob)
    _tag(old, 1, "依法行政", [admin], alice)
    _tag(old, 2, "人大监督和依法行政相辅相成", [law, supervision], alice)
    _tag(old, 3, "删掉了", [law], bob)

    Theme.objects.filter(pk=old_sub.pk).update(active=False)
    old_sub.refresh_from_db()
    withdraw_compilation(compilation=gone.compilation, actor=editor)
    merge_speakers(source=alias, target=wang, actor=editor)
    newer = _compilation("newer")
    new = _speech(
        newer,
        ["旧版第一段讲依法行政。", "人大监督和依法", "行政相辅相成，缺一不可。",
         "新版新加的一段。"],
        speaker=li, date=datetime.date(2022, 5, 1),
    )
    carried = supersede(old=old.compilation, new=newer, actor=editor)
    return {
        "alice": alice, "bob": bob, "editor": editor, "wang": wang, "li": li,
        "law": law, "admin": admin, "old_sub": old_sub, "supervision": supervision,
        "first": first, "second": second, "undated": undated, "gone": gone, "old": old,
        "new": new, "carried": carried,
    }


def test_the_fixture_holds_the_hard_cases(hard):
    assert hard["carried"]["orphaned"] == 1 and hard["carried"]["split"] == 1
    assert Annotation.objects.filter(orphaned_at__isnull=False).get().quote == "删掉了"
    assert Annotation.objects.filter(paragraph__speech=hard["new"]).count() == 3


def _current_paragraphs() -> int:
    return sum(
        speech.paragraphs.count()
        for speech in Speech.objects.filter(compilation__withdrawn_at__isnull=True,
                                            compilation__superseded_by__isnull=True)
    )


def test_speeches_and_paragraphs_of_the_archive(hard, client):
    client = client_for(client, hard["alice"])
    home = client.get(reverse("home")).context
    listing = client.get(reverse("speech_list")).context
    assert home["counts"]["speeches"] == listing["page_obj"].paginator.count == 4
    # The paragraphs of the speeches the home page counts (not the withdrawn
    # compilation's, nor the superseded version's).
    assert home["counts"]["paragraphs"] == _current_paragraphs() == 2 + 2 + 2 + 4
    assert sum(n for _year, n in home["per_year"]) == 4


def test_speeches_of_a_speaker(hard, client):
    client = client_for(client, hard["alice"])
    wang = hard["wang"]
    listed = client.get(reverse("speaker_list")).context["speakers"]
    speakers = {s.slug: s.speech_count for s in listed}
    page = client.get(reverse("speaker_detail", args=[wang.slug])).context
    listing = client.get(reverse("speech_list"), {"speaker": wang.slug}).context
    facets = client.get(reverse("speech_list")).context["facets"]
    facet = {pk: n for pk, _name, n in facets["speakers"]}
    home = {s.slug: s.speech_count for s in client.get(reverse("home")).context["top_speakers"]}
    # The merged name's speech is wang's; the withdrawn compilation's is not counted.
    assert speakers[wang.slug] == page["stats"]["count"] == page["page_obj"].paginator.count == 2
    assert listing["page_obj"].paginator.count == facet[wang.pk] == home[wang.slug] == 2
    assert speakers["li-ming"] == facet[hard["li"].pk] == 2
    assert "wang-ping-2" not in speakers


LAW_PASSAGES = 9  # below, by hand: first p1 3, first p2 1, second 1, undated 1, new 3 (one split)
LAW_PARAGRAPHS = 7


def test_passages_and_paragraphs_of_a_theme(hard, client):
    client = client_for(client, hard["alice"])
    law = hard["law"]
    codebook = {n.theme.slug: n for n in client.get(reverse("theme_list")).context["nodes"]}
    page = client.get(reverse("theme_detail", args=[law.slug])).context
    export = {n.theme.slug: n for n in client.get(reverse("export_index")).context["themes"]}
    assert codebook["law"].total == codebook["law"].passage_total == LAW_PASSAGES
    assert codebook["law"].paragraph_total == LAW_PARAGRAPHS
    assert page["page_obj"].paginator.count == export["law"].total == LAW_PASSAGES
    assert page["paragraph_count"] == LAW_PARAGRAPHS
    response = client.get(reverse("export_annotations", args=["csv"]), {"theme": law.slug})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) - 1 == LAW_PASSAGES
    table = crosstab(dimension=Dimension.SPEAKER, filters=SpeechFilters())
    row = next(r for r in table.rows if r.theme is not None and r.theme.pk == law.pk)
    assert (row.total.passages, row.total.paragraphs) == (LAW_PASSAGES, LAW_PARAGRAPHS)


def test_passages_of_a_theme_by_coder_and_speaker(hard, client):
    client = client_for(client, hard["alice"])
    law = hard["law"]
    page = client.get(reverse("theme_detail", args=[law.slug])).context
    coders = {row["author__username"]: row["n"] for row in page["coders"]}
    assert coders == {"alice": 6, "bob": 3}
    assert sum(coders.values()) == page["page_obj"].paginator.count
    for name, n in coders.items():
        by_coder = client.get(reverse("theme_detail", args=[law.slug]), {"coder": name})
        assert by_coder.context["page_obj"].paginator.count == n
    speakers = {row["paragraph__speech__speaker__slug"]: row["n"]
                for row in page["facets"]["speakers"]}
    assert speakers == {"wang-ping": 5, "li-ming": 4}
    for slug, n in speakers.items():
        by_speaker = client.get(reverse("theme_detail", args=[law.slug]), {"speaker": slug})
        assert by_speaker.context["page_obj"].paginator.count == n
        # The speaker menu still offers the others, to switch without clearing.
        assert {row["paragraph__speech__speaker__slug"]: row["n"]
                for row in by_speaker.context["facets"]["speakers"]} == speakers
    table = crosstab(dimension=Dimension.SPEAKER, filters=SpeechFilters())
    row = next(r for r in table.rows if r.theme is not None and r.theme.pk == law.pk)
    by_column = {c.label: cell.passages for c, cell in zip(table.columns, row.cells, strict=True)}
    assert by_column == {"王萍": 5, "李明": 4}


def test_paragraphs_with_a_term(hard, client):
    client = client_for(client, hard["alice"])
    page = client.get(reverse("search_page"), {"q": TERM, "exact": "1"}).context
    results = page["results"]
    api = client.get("/api/search", {"q": TERM, "exact": "true"}).json()
    response = client.get(reverse("search_csv"), {"q": TERM})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    (series,) = term_trend(terms=[TERM], dimension=Dimension.YEAR).series
    # first p1 (three times), second p1, undated p1, the new version's p1.
    assert results.total == api["total"] == len(rows) - 1 == 4
    assert series.total_paragraphs + series.undated_paragraphs == 4
    assert series.total_occurrences + series.undated_occurrences == 6
    assert sum(y.count for y in results.per_year) == 4
    # The heading's hit is shown apart, and said so.
    assert page["headings"].total == 1


def _exported(client, fmt: str, **params) -> int:
    """How many passages an export file of ``fmt`` holds."""
    response = client.get(reverse("export_annotations", args=[fmt]), params)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if fmt == "csv":
        return len(list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))) - 1
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
        return len(list(sheet.iter_rows(values_only=True))) - 1
    if fmt == "jsonld":
        collection = json.loads(body)
        assert collection["total"] == len(collection["first"]["items"])
        return collection["total"]
    project = etree.fromstring(zipfile.ZipFile(io.BytesIO(body)).read("project.qde"))
    ns = {"p": "urn:QDA-XML:project:1.0"}
    return sum(
        1 for s in project.iterfind(".//p:PlainTextSelection", ns) if s.find("p:Coding", ns)
        is not None
    )


# Current passages: first 5, second 1, undated 2, the new version 3 (one split in two).
ALL_PASSAGES = 11
SPEAKER_PASSAGES = {"wang-ping": 6, "li-ming": 5}


def test_the_export_page_and_its_files(hard, client):
    client = client_for(client, hard["alice"])
    page = client.get(reverse("export_index")).context
    assert page["total"] == ALL_PASSAGES
    for fmt in ("csv", "xlsx", "jsonld", "qdpx"):
        assert _exported(client, fmt) == ALL_PASSAGES, fmt
        assert _exported(client, fmt, theme="law") == LAW_PASSAGES, fmt
    speakers = {speaker.slug: n for speaker, n, _query in page["speakers"]}
    assert speakers == SPEAKER_PASSAGES
    for slug, n in speakers.items():
        assert _exported(client, "csv", speaker=slug) == n
    # A compilation's row counts what its export holds, withdrawn and superseded ones too.
    for compilation in page["compilations"]:
        assert _exported(client, "csv", compilation=compilation.pk) == compilation.passage_count


def test_a_compilation_page_and_the_speech_list(hard, client):
    client = client_for(client, hard["alice"])
    newer = hard["new"].compilation
    page = client.get(reverse("compilation_detail", args=[newer.pk])).context
    assert page["paragraph_total"] == sum(s.paragraphs.count() for s in newer.speeches.all())
    listing = client.get(reverse("speech_list"), {"compilation": newer.pk}).context
    assert listing["page_obj"].paginator.count == len(page["speeches"]) == 1


def test_coded_paragraphs_per_speaker_and_theme(hard, client):
    """The crosstab's cell and the theme's page filtered by the speaker agree."""
    client = client_for(client, hard["alice"])
    table = crosstab(dimension=Dimension.SPEAKER, filters=SpeechFilters())
    for row in table.rows:
        if row.theme is None:
            continue
        for column, cell in zip(table.columns, row.cells, strict=True):
            speaker = Speaker.objects.get(name=column.label)
            page = client.get(
                reverse("theme_detail", args=[row.theme.slug]), {"speaker": speaker.slug}
            ).context
            assert (cell.passages, cell.paragraphs) == (
                page["page_obj"].paginator.count, page["paragraph_count"]
            ), (row.theme.slug, speaker.slug)
    any_theme = table.any_theme.total
    assert any_theme.passages == ALL_PASSAGES
    matrix = cooccurrence(filters=SpeechFilters())
    assert matrix.coded_paragraphs == any_theme.paragraphs


def test_speeches_of_a_meeting_and_of_a_year(hard, client):
    client = client_for(client, hard["editor"])
    meetings = {m["event_key"]: m["speech_count"]
                for m in client.get(reverse("meeting_list")).context["meetings"]}
    api = {m["key"]: m["speech_count"] for m in client.get("/api/meetings").json()["items"]}
    listing = client.get(reverse("speech_list"), {"event": MEETING}).context
    # Two current speeches; the withdrawn compilation's third is not counted.
    assert meetings[MEETING] == api[MEETING] == listing["page_obj"].paginator.count == 2
    archive = client.get("/api/dates").json()
    by_year = {y["year"]: y["count"] for y in archive["years"]}
    assert by_year == {2020: 1, 2021: 1, 2022: 1} and archive["undated"] == 1
    for year, n in by_year.items():
        assert client.get(reverse("speech_list"), {"year": year}).context[
            "page_obj"].paginator.count == n
    # The merge answers with the merged meeting as the list of meetings counts it.
    merged = client.post(
        "/api/meetings/merge", {"source": OTHER_MEETING, "target": MEETING},
        content_type="application/json",
    ).json()
    api = {m["key"]: m["speech_count"] for m in client.get("/api/meetings").json()["items"]}
    assert merged["speech_count"] == api[merged["key"]] == 3


def test_themes_coded_together(hard, client):
    """A co-occurrence cell and the theme's page it links to count the same paragraphs."""
    client = client_for(client, hard["alice"])
    matrix = cooccurrence(filters=SpeechFilters())
    for i, theme in enumerate(matrix.themes):
        page = client.get(reverse("theme_detail", args=[theme.slug])).context
        assert matrix.totals[i] == page["paragraph_count"], theme.slug
        for j, other in enumerate(matrix.themes):
            pair = matrix.cells[i][j]
            if i == j or pair.nested:
                continue
            for overlap, expected in (("", pair.paragraphs), ("1", pair.overlaps)):
                page = client.get(
                    reverse("theme_detail", args=[theme.slug]),
                    {"with": other.slug, "overlap": overlap},
                ).context
                assert page["paragraph_count"] == expected, (theme.slug, other.slug, overlap)


def test_hits_per_year_and_per_speaker(hard, client):
    """The search page's and API's hits per year, the search filtered by a
    speaker, and the term trend's columns count the same paragraphs."""
    client = client_for(client, hard["alice"])
    results = client.get(reverse("search_page"), {"q": TERM, "exact": "1"}).context["results"]
    api = client.get("/api/search", {"q": TERM, "exact": "true"}).json()
    page_years = {c.year: c.count for c in results.per_year}
    assert page_years == {c["year"]: c["count"] for c in api["per_year"]}
    assert page_years == {2020: 1, 2021: 1, 2022: 1, None: 1}
    trend = term_trend(terms=[TERM], dimension=Dimension.YEAR)
    (series,) = trend.series
    by_year = {c.key: n for c, n in zip(trend.columns, series.paragraphs, strict=True) if n}
    assert by_year == {y: n for y, n in page_years.items() if y is not None}
    assert series.undated_paragraphs == page_years[None]
    trend = term_trend(terms=[TERM], dimension=Dimension.SPEAKER)
    (series,) = trend.series
    for column, n in zip(trend.columns, series.paragraphs, strict=True):
        speaker = Speaker.objects.get(name=column.label)
        found = client.get("/api/search", {"q": TERM, "exact": "true", "speaker": speaker.slug})
        assert found.json()["total"] == n, speaker.slug


def test_the_manage_page_links_to_the_passages_it_counts(hard, client):
    client = client_for(client, hard["editor"])
    for theme in (hard["law"], hard["admin"], hard["supervision"]):
        manage = client.get(reverse("theme_edit", args=[theme.slug])).context
        page = client.get(reverse("theme_detail", args=[theme.slug])).context
        assert manage["passage_count"] == page["page_obj"].paginator.count, theme.slug
    assert manage["passage_count"] == 4  # first, undated, the new version's two pieces


def test_agreement_counts_a_theme_without_its_sub_themes_and_says_so(hard, client):
    """Agreement compares the code each coder chose: a theme's cell is not the
    theme's page (which includes the sub-themes), and the page says which."""
    client = client_for(client, hard["alice"])
    response = client.get(reverse("agreement"))
    (pair,) = response.context["pairs"]
    assert (pair.first.username, pair.second.username) == ("alice", "bob")
    # Both coded the first speech and the undated one (current speeches): 4 paragraphs.
    assert (pair.speeches, pair.paragraphs) == (2, 4)
    cells = {cell.theme.slug: cell for cell in pair.cells}
    law = cells["law"]
    # Law itself: both on the first paragraph; admin (its sub-theme) has its own row.
    assert (law.both, law.first_only, law.second_only) == (1, 0, 0)
    assert (cells["admin-by-law"].first_only, cells["admin-by-law"].second_only) == (2, 0)
    assert "data-own-theme" in response.content.decode()
    assert "不含其子主题" in response.content.decode()  # the page speaks Chinese by default


def test_the_home_pages_theme_chips_count_what_they_open(hard, client):
    client = client_for(client, hard["alice"])
    response = client.get(reverse("home"))
    chips = {}
    for line in response.content.decode().split("<li>"):
        for theme in (hard["law"], hard["admin"], hard["supervision"]):
            if f'href="{theme.get_absolute_url()}"' in line:
                chips[theme.slug] = int(line.split('class="count">')[1].split()[0])
    for slug, n in chips.items():
        page = client.get(reverse("theme_detail", args=[slug])).context
        assert n == page["page_obj"].paginator.count, slug
    assert chips["law"] == LAW_PASSAGES
