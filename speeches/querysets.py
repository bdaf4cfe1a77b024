"""Reads: every list and page of the speeches app goes through these."""

from django.db import connections, models
from django.db.models import Count, F, Max, Min, OuterRef, Subquery
from django.db.models.functions import ExtractMonth, ExtractYear, RowNumber

from core.ids import parse_id


class CompilationQuerySet(models.QuerySet):
    def current(self):
        """Compilations in the archive: not withdrawn (``speeches.services.retire``),
        not superseded by a newer version (``speeches.services.versions``)."""
        return self.filter(withdrawn_at__isnull=True, superseded_by__isnull=True)

    def withdrawn(self):
        return self.filter(withdrawn_at__isnull=False)

    def for_listing(self):
        """What a list row shows: the uploader and the number of speeches, in one query.

        The full normalized text is left out: no page or list shows it, and
        it is the size of the uploaded file.
        """
        return (
            self.select_related("uploaded_by")
            .defer("text")
            .annotate(speech_count=models.Count("speeches"))
        )


class SpeakerQuerySet(models.QuerySet):
    def current(self):
        """Speakers that have not been merged into another."""
        return self.filter(merged_into__isnull=True)

    def find(self, value: str):
        """The speaker a URL names by id or slug, or None.

        A merged speaker gives the one it became, so old links keep working.
        """
        value = (value or "").strip()
        speakers = self.select_related("merged_into")
        pk = parse_id(value)
        speaker = speakers.filter(pk=pk).first() if pk is not None else None
        if speaker is None and value:
            speaker = speakers.filter(slug=value).first()
        return speaker.forwarded() if speaker is not None else None

    def find_by_name(self, name: str):
        """The current speaker printed as ``name`` (their name or an alias), or None.

        A merged speaker's name gives the one it was merged into.
        """
        speaker = (
            self.select_related("merged_into").filter(name=name).first()
            or self.select_related("merged_into").filter(aliases__name=name).first()
        )
        return speaker.forwarded() if speaker is not None else None

    def with_speech_stats(self):
        """Current speakers with ``speech_count``, ``first_date`` and ``last_date``.

        ``first_precision`` and ``last_precision`` say how precise those dates
        are (a speech dated 2024 is stored as 2024-01-01).
        """
        from speeches.models import Speech

        dated = Speech.objects.current().filter(speaker=OuterRef("pk"), date__isnull=False)
        # Only speeches in the archive count (not those of withdrawn compilations).
        in_archive = current_speech_q("speeches__")
        return self.current().annotate(
            speech_count=Count("speeches", filter=in_archive),
            first_date=Min("speeches__date", filter=in_archive),
            last_date=Max("speeches__date", filter=in_archive),
            first_precision=Subquery(dated.order_by("date", "id").values("date_precision")[:1]),
            last_precision=Subquery(dated.order_by("-date", "-id").values("date_precision")[:1]),
        )


# What "in the archive" means for a speech, as a condition (with a prefix
# for queries that reach speeches through a relation).
def current_speech_q(prefix: str = "") -> models.Q:
    return models.Q(**{
        f"{prefix}compilation__withdrawn_at__isnull": True,
        f"{prefix}compilation__superseded_by__isnull": True,
    })


class SpeechQuerySet(models.QuerySet):
    def current(self):
        """Speeches of compilations in the archive (browsing, search, analysis)."""
        return self.filter(current_speech_q())

    def with_paragraph_counts(self):
        """Each speech with ``paragraph_count``, counted by the database."""
        return self.annotate(paragraph_count=models.Count("paragraphs"))

    def for_listing(self):
        """What a list row shows: speaker and compilation without extra queries.

        The compilation's full text is left out: no page shows it.
        """
        return self.select_related("speaker", "compilation").defer("compilation__text")

    def neighbours_of(self, speech):
        """(previous, next): the speeches before and after ``speech`` in its
        compilation, None at either end, in one query. Only what a link to
        them needs is read: id, title, position."""
        rows = self.filter(
            compilation_id=speech.compilation_id,
            position__in=[speech.position - 1, speech.position + 1],
        ).only("id", "title", "position", "compilation_id")
        by_position = {row.position: row for row in rows}
        return by_position.get(speech.position - 1), by_position.get(speech.position + 1)

    def oldest_first(self):
        return self.order_by(F("date").asc(nulls_last=True), "id")

    def per_year(self):
        """(year or None, speeches) rows, oldest year first, undated last."""
        return (
            self.order_by()
            .annotate(year=ExtractYear("date"))
            .values("year")
            .annotate(n=Count("id"))
            .order_by(F("year").asc(nulls_last=True))
            .values_list("year", "n")
        )

    def per_month(self):
        """(year, month or None, speeches) rows for dated speeches; None: year only."""
        month = models.Case(
            models.When(date_precision="year", then=models.Value(None)),
            default=ExtractMonth("date"),
            output_field=models.IntegerField(),
        )
        return (
            self.filter(date__isnull=False)
            .order_by()
            .annotate(year=ExtractYear("date"), month=month)
            .values("year", "month")
            .annotate(n=Count("id"))
            .order_by("-year", F("month").asc(nulls_first=True))
            .values_list("year", "month", "n")
        )

    def archive(self) -> list[dict]:
        """The dated speeches by year, newest year first: ``{"year", "count",
        "months": [(month or None, speeches)]}``, months in order, year-only
        dates (month None) first. One query."""
        years: dict[int, dict] = {}
        for year, month, n in self.per_month():
            entry = years.setdefault(year, {"year": year, "count": 0, "months": []})
            entry["count"] += n
            entry["months"].append((month, n))
        return sorted(years.values(), key=lambda entry: -entry["year"])

    def latest_by_event(self, keys: list[str], count: int) -> dict[str, list]:
        """Meeting key -> its ``count`` newest speeches, for listing, for each of ``keys``."""
        by_event: dict[str, list] = {key: [] for key in keys}
        for speech in self.filter(event_key__in=keys).latest_per_event(count):
            by_event[speech.event_key].append(speech)
        return by_event

    def counts_by(self, field: str, *, limit: int | None = None):
        """(value, speeches) for a field (role, event, speaker), most frequent first.

        Roles count by their canonical office (山东省省长 and 省人民政府省长 are
        both 省长) and meetings by their key, each named by its first printed
        form, so variant names of one meeting are one row.
        """
        if field == "role":
            field = "office"
        if field == "event":
            rows = (
                self.exclude(event_key="")
                .order_by()
                .values("event_key")
                .annotate(n=Count("id"), name=Min("event"))
                .order_by("-n", "name")
                .values_list("name", "n")
            )
            return rows[:limit] if limit else rows
        rows = (
            self.exclude(**{f"{field}__isnull": True})
            .exclude(**({f"{field}": ""} if field in ("office", "event") else {}))
            .order_by()
            .values(field)
            .annotate(n=Count("id"))
            .order_by("-n", field)
            .values_list(field, "n")
        )
        return rows[:limit] if limit else rows

    def meetings(self):
        """One row per meeting: variant names of one meeting (by their key)
        are one row, named by the first printed form; speeches, speakers,
        first and last date."""
        return (
            self.exclude(event_key="")
            .order_by()
            .values("event_key")
            .annotate(
                name=Min("event"),
                name_sort=Min("event_sort"),
                speech_count=Count("id"),
                speaker_count=Count("speaker", distinct=True),
                first_date=Min("date"),
                last_date=Max("date"),
            )
        )

    def latest_per_event(self, count: int):
        """The ``count`` newest speeches of each meeting, for listing, newest first."""
        rank = models.Window(
            RowNumber(),
            partition_by=F("event_key"),
            order_by=[F("date").desc(nulls_last=True), F("id").desc()],
        )
        return (
            self.for_listing()
            .annotate(rank_in_event=rank)
            .filter(rank_in_event__lte=count)
            .order_by("event_key", "rank_in_event")
        )

    def role_only(self):
        """Speeches attributed to a role alone (市长), not to a named person."""
        return self.filter(speaker__isnull=True)

    def roles_without_names(self):
        """(role, speeches, first date, last date) for role-only attributions.

        The role is "" for speeches that name neither a person nor a role.
        """
        return (
            self.role_only()
            .order_by()
            .values("role")
            .annotate(n=Count("id"), first_date=Min("date"), last_date=Max("date"))
            .order_by("-n", "role")
            .values_list("role", "n", "first_date", "last_date")
        )


class ParagraphQuerySet(models.QuerySet):
    def count_of_all(self, *, exact_below: int = 100_000) -> tuple[int, bool]:
        """(number of paragraphs, exact?) for the home page's figure.

        PostgreSQL counts a million rows in about half a second; past
        ``exact_below`` its own estimate (kept by ANALYZE) is shown instead.
        """
        connection = connections[self.db]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [self.model._meta.db_table],
                )
                estimate = cursor.fetchone()[0]
            if estimate >= exact_below:
                return estimate, False
        return self.count(), True

    def count_of_current(self, *, exact_below: int = 100_000) -> tuple[int, bool]:
        """(paragraphs of current speeches, exact?) for the home page's figure,
        beside its count of current speeches: a withdrawn compilation's and a
        superseded version's paragraphs stay in the table, out of the figure.

        Past ``exact_below`` (``count_of_all``) the table's estimate less the
        paragraphs of those compilations, counted exactly (they are few, reached
        through the speeches' index), still an estimate.
        """
        in_archive = current_speech_q("speech__")
        total, exact = self.count_of_all(exact_below=exact_below)
        if exact:
            return self.filter(in_archive).count(), True
        return max(0, total - self.exclude(in_archive).count()), False

    def for_reader(self):
        """A speech's paragraphs as the reader shows them: no search tokens."""
        return self.defer("tokens").order_by("position")


class ImportJobQuerySet(models.QuerySet):
    def for_status(self) -> "ImportJobQuerySet":
        """Jobs with their compilation as the listings show it (its speech count)."""
        from speeches.models import Compilation

        return self.prefetch_related(
            models.Prefetch("compilation", queryset=Compilation.objects.for_listing())
        )

    def visible_to(self, user) -> "ImportJobQuerySet":
        """The jobs ``user`` may follow: their own; staff see every job."""
        if user.is_staff or user.is_superuser:
            return self
        return self.filter(user_id=user.pk)
