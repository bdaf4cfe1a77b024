"""Home, the speech list with its filters, the dates archive and the meetings."""

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from speeches.models import Speaker
from tests.speeches.browse_data import import_speech
from text.pinyin import pinyin_sort_key

PAGES = ["home", "speech_list", "speaker_list", "date_archive", "meeting_list", "search_page"]


@pytest.fixture
def corpus(db):
    """Speeches by two named speakers and one role, at three precisions, one undated."""
    speeches = [
        import_speech(title="在全市经济工作会议上的讲话", speaker="王萍", date="2023年5月6日",
                      paragraphs=["发展经济。"]),
        import_speech(title="在全市人大工作会议上的讲话", speaker="王萍", date="2024年8月12日",
                      paragraphs=["加强人大监督。"]),
        import_speech(title="在市委人大工作会议上的讲话", speaker="李强", date="2024年8月",
                      paragraphs=["支持人大工作。"]),
        import_speech(title="市长在2024年全市人大工作会议上的讲话", date="2024年",
                      paragraphs=["市长讲话。"]),
        import_speech(title="关于做好当前工作的意见", paragraphs=["没有日期。"]),
    ]
    return speeches


def rows(response, selector="table.speech-list tbody tr"):
    return lxml.html.fromstring(response.content.decode()).cssselect(selector)


def titles(response):
    return [r.cssselect(".speech-list__title")[0].text_content() for r in rows(response)]


@pytest.mark.parametrize("name", PAGES)
def test_pages_need_a_reader(client, no_role_user, db, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(no_role_user)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_pages_are_chinese_by_default(viewer_client, corpus, name):
    response = viewer_client.get(reverse(name))
    assert response.status_code == 200
    assert '<html lang="zh-hans" ' in response.content.decode()


def test_home_shows_the_corpus_at_a_glance(viewer_client, corpus):
    response = viewer_client.get(reverse("home"))
    page = response.content.decode()
    assert response.context["counts"] == {"speeches": 5, "speakers": 2, "paragraphs": 5}
    assert response.context["per_year"] == [(2023, 1), (2024, 3), (None, 1)]
    assert 'action="/search/"' in page
    assert [s.name for s in response.context["top_speakers"]] == ["王萍", "李强"]
    assert page.count('<rect x=') == 2  # 2023 and 2024; no bar for the undated


def test_home_includes_the_extensions(viewer_client, corpus, settings):
    settings.HOME_EXTENSIONS = ["speeches/_active_filters.html"]
    response = viewer_client.get(reverse("home"))
    assert "speeches/_active_filters.html" in [t.name for t in response.templates]


def test_an_empty_archive_says_what_to_do(editor_client, db):
    page = editor_client.get(reverse("home")).content.decode()
    assert reverse("compilation_upload") in page


def test_the_speech_list_filters_combine(viewer_client, corpus):
    wang = Speaker.objects.get(name="王萍")
    url = reverse("speech_list")
    assert len(rows(viewer_client.get(url))) == 5
    assert titles(viewer_client.get(url, {"speaker": wang.pk})) == [
        "在全市人大工作会议上的讲话",
        "在全市经济工作会议上的讲话",
    ]
    assert titles(viewer_client.get(url, {"speaker": wang.pk, "year": 2024})) == [
        "在全市人大工作会议上的讲话"
    ]
    assert titles(viewer_client.get(url, {"named": "0"})) == [
        "市长在2024年全市人大工作会议上的讲话",
        "关于做好当前工作的意见",
    ]
    assert titles(viewer_client.get(url, {"role": "市长"})) == [
        "市长在2024年全市人大工作会议上的讲话"
    ]
    assert titles(viewer_client.get(url, {"from": "2024-08", "to": "2024-08"})) == [
        "在全市人大工作会议上的讲话",
        "在市委人大工作会议上的讲话",
    ]
    assert titles(viewer_client.get(url, {"undated": "1"})) == ["关于做好当前工作的意见"]
    assert titles(viewer_client.get(url, {"event": "全市经济工作会议"})) == [
        "在全市经济工作会议上的讲话"
    ]


def test_filters_show_as_removable_chips(viewer_client, corpus):
    wang = Speaker.objects.get(name="王萍")
    response = viewer_client.get(reverse("speech_list"), {"speaker": wang.pk, "year": "2024"})
    chips = {c.text_content().split()[0]: c.get("href") for c in rows(response, "a.chip")}
    assert chips == {"王萍": "?year=2024", "2024年": f"?speaker={wang.pk}"}


def test_invalid_filters_are_dropped_not_fatal(viewer_client, corpus):
    response = viewer_client.get(reverse("speech_list"), {"speaker": "9999", "from": "soon"})
    assert response.status_code == 200
    assert len(rows(response)) == 5
    assert response.context["form"].errors.keys() == {"speaker", "date_from"}


def test_a_merged_speakers_old_filter_link_shows_the_survivor(viewer_client, corpus, editor):
    from speeches.services.speakers import merge_speakers

    wang, li = Speaker.objects.get(name="王萍"), Speaker.objects.get(name="李强")
    merge_speakers(source=li, target=wang, actor=editor)
    response = viewer_client.get(reverse("speech_list"), {"speaker": li.pk})
    assert len(rows(response)) == 3


def test_the_speech_list_sorts(viewer_client, corpus):
    url = reverse("speech_list")
    newest = titles(viewer_client.get(url))
    assert newest[0] == "在全市人大工作会议上的讲话" and newest[-1] == "关于做好当前工作的意见"
    oldest = titles(viewer_client.get(url, {"sort": "date"}))
    assert oldest[0] == "在全市经济工作会议上的讲话" and oldest[-1] == "关于做好当前工作的意见"
    assert titles(viewer_client.get(url, {"sort": "nonsense"})) == newest


def test_the_speech_list_pages(viewer_client, corpus, monkeypatch):
    from speeches.views import browse

    monkeypatch.setattr(browse, "SPEECHES_PER_PAGE", 2)
    url = reverse("speech_list")
    assert len(rows(viewer_client.get(url, {"page": 3}))) == 1
    page = viewer_client.get(url, {"named": "1", "page": 1}).content.decode()
    assert "named=1&amp;page=2" in page


def test_dates_archive_by_year_and_month(viewer_client, corpus):
    response = viewer_client.get(reverse("date_archive"))
    years = {y["year"]: y for y in response.context["years"]}
    assert set(years) == {2023, 2024}
    assert years[2024]["count"] == 3
    # The speech dated 2024 only has no month.
    assert years[2024]["months"] == [(None, 1), (8, 2)]
    assert response.context["undated"] == 1
    assert [y["year"] for y in response.context["years"]] == [2024, 2023]  # newest first
    assert response.context["per_year"] == [(2023, years[2023]["count"]), (2024, 3), (None, 1)]
    page = response.content.decode()
    assert "?from=2024-08&amp;to=2024-08" in page and "?undated=1" in page


def test_meetings_group_speeches_by_event(viewer_client, corpus):
    response = viewer_client.get(reverse("meeting_list"))
    meetings = {m["event"]: m for m in response.context["meetings"]}
    assert meetings["全市人大工作会议"]["speech_count"] == 2
    assert [s.title for s in meetings["全市人大工作会议"]["speeches"]] == [
        "在全市人大工作会议上的讲话",
        "市长在2024年全市人大工作会议上的讲话",
    ]
    assert response.context["without_meeting"] == 1

    def listed(sort):
        return viewer_client.get(reverse("meeting_list"), {"sort": sort}).context["meetings"]

    events = [m["event"] for m in listed("event")]
    assert events == sorted(events, key=pinyin_sort_key) and len(events) > 1  # pinyin order
    assert listed("-speeches")[0]["event"] == "全市人大工作会议"  # the one with two speeches
    dates = [m["last_date"] for m in listed("-date")]
    assert dates == sorted(dates, reverse=True)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["home", "speech_list", "date_archive", "meeting_list"])
def test_query_counts_do_not_grow_with_speeches(viewer_client, db, name, settings):
    settings.HOME_EXTENSIONS = []
    url = reverse(name)
    import_speech(title="在全市人大工作会议上的讲话", speaker="王萍", date="2024年8月12日",
                  paragraphs=["一段。"])
    viewer_client.get(url)
    few = count_queries(viewer_client, url)
    for n in range(12):
        import_speech(title=f"第{n}次会议上的讲话", speaker=f"讲话人{n % 4}",
                      date=f"20{10 + n}年{n % 12 + 1}月", paragraphs=[f"第{n}段。", "又一段。"])
    assert count_queries(viewer_client, url) == few


def test_a_large_paragraph_table_is_counted_by_estimate(viewer_client, corpus):
    from speeches.models import Paragraph

    assert Paragraph.objects.all().count_of_all() == (5, True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE speeches_paragraph")
        count, exact = Paragraph.objects.all().count_of_all(exact_below=1)
        assert not exact and 0 <= count <= 5


def test_a_large_paragraph_table_counts_current_paragraphs_less_the_withdrawn(
    viewer_client, corpus, editor
):
    """Past ``exact_below`` the table's estimate (pg_class.reltuples, kept by
    ANALYZE) less a withdrawn compilation's paragraphs, counted exactly."""
    if connection.vendor != "postgresql":
        pytest.skip("the estimate is PostgreSQL's")
    from speeches.models import Paragraph
    from speeches.services.retire import withdraw_compilation

    withdrawn = import_speech(title="在撤回的会议上的讲话", paragraphs=["一。", "二。", "三。"])
    withdraw_compilation(compilation=withdrawn.compilation, actor=editor)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE speeches_paragraph")
    every = Paragraph.objects.count()
    gone = Paragraph.objects.filter(speech__compilation=withdrawn.compilation).count()
    assert gone >= 3
    # ANALYZE read every row of so small a table: the estimate is the count.
    assert Paragraph.objects.all().count_of_all(exact_below=1) == (every, False)
    assert Paragraph.objects.all().count_of_current(exact_below=1) == (every - gone, False)
    assert Paragraph.objects.all().count_of_current() == (every - gone, True)

def test_home_lists_the_newest_compilations_first_each_linking_to_its_page(viewer_client, db):
    """The panel follows the import time, not the id: a compilation whose
    import time is the latest comes first even when it was made first."""
    import datetime

    from django.utils import timezone

    from speeches.models import Compilation

    speeches = [
        import_speech(title=f"第{n}篇讲话", speaker="王萍", paragraphs=[f"第{n}段。"])
        for n in range(7)
    ]
    start = timezone.now() - datetime.timedelta(days=30)
    for days, speech in zip([6, 0, 5, 1, 4, 2, 3], speeches, strict=True):
        Compilation.objects.filter(pk=speech.compilation_id).update(
            created_at=start + datetime.timedelta(days=days)
        )
    newest_first = list(Compilation.objects.order_by("-created_at")[:5])
    assert newest_first[0].pk == speeches[0].compilation_id  # the first made, imported last

    links = rows(viewer_client.get(reverse("home")), "section.panel ul.plain-list li > a")

    assert [(a.get("href"), a.text_content()) for a in links] == [
        (c.get_absolute_url(), c.title) for c in newest_first
    ]
    for link in links:  # each link leads to the compilation it names
        assert viewer_client.get(link.get("href")).status_code == 200


def test_the_meetings_page_and_its_next_link_keep_the_order(viewer_client, db, monkeypatch):
    from speeches.views import browse

    monkeypatch.setattr(browse, "MEETINGS_PER_PAGE", 2)
    # Named so that every collation sorts them alike.
    events = [f"第{n}次全体会议" for n in range(1, 6)]
    for n, event in enumerate(events):
        import_speech(title=f"在{event}上的讲话", speaker="王萍", date=f"202{n}年3月1日",
                      paragraphs=[f"第{n}段。"])
    url = reverse("meeting_list")

    def listed(**params):
        response = viewer_client.get(url, params)
        return response, [m["event"] for m in response.context["meetings"]]

    first, on_first = listed(sort="event")
    _, on_second = listed(sort="event", page=2)
    _, on_third = listed(sort="event", page=3)
    assert on_first + on_second + on_third == events
    assert len(on_second) == 2 and len(on_third) == 1
    (next_link,) = rows(first, "nav.pagination a[rel=next]")
    assert next_link.get("href") == "?sort=event&page=2"
    # The default order (latest first) pages too, and its link names no sort.
    latest, on_latest = listed()
    assert on_latest == ["第5次全体会议", "第4次全体会议"]
    assert rows(latest, "nav.pagination a[rel=next]")[0].get("href") == "?page=2"
