"""The filters every speech list and search of the API accepts, as query parameters."""

from ninja import Field, Schema

from config.errors import ApiError
from speeches.filters import SpeechFilters, parse_partial_date
from speeches.models import Compilation, Speaker


class SpeechFilterParams(Schema):
    speaker: int | None = Field(None, description="Speaker id (a merged speaker's id also works).")
    named: bool | None = Field(
        None, description="true: speeches with a named speaker; false: role-only attributions."
    )
    role: str = Field("", max_length=100, description="The role as printed, exactly (市长).")
    event: str = Field("", max_length=300, description="The meeting, exactly.")
    compilation: int | None = Field(None, description="Compilation id.")
    year: int | None = Field(None, ge=1000, le=9999)
    date_from: str = Field(
        "", alias="from", max_length=20, description="From this date: 2024, 2024-08 or 2024-08-12."
    )
    date_to: str = Field(
        "", alias="to", max_length=20, description="Until the end of this year, month or day."
    )
    undated: bool = Field(False, description="Only speeches without a date.")

    def filters(self) -> SpeechFilters:
        """The filters, or 422 naming the parameter that is not understood."""
        errors = []
        speaker = compilation = None
        if self.speaker is not None:
            speaker = Speaker.objects.select_related("merged_into").filter(pk=self.speaker).first()
            if speaker is None:
                errors.append({"loc": ["query", "speaker"], "msg": "There is no such speaker."})
            elif speaker.merged_into is not None:
                speaker = speaker.merged_into
        if self.compilation is not None:
            compilation = Compilation.objects.defer("text").filter(pk=self.compilation).first()
            if compilation is None:
                errors.append(
                    {"loc": ["query", "compilation"], "msg": "There is no such compilation."}
                )
        dates = {}
        for name, param, end in (("date_from", "from", False), ("date_to", "to", True)):
            value = getattr(self, name).strip()
            dates[name] = parse_partial_date(value, end=end) if value else None
            if value and dates[name] is None:
                errors.append(
                    {"loc": ["query", param], "msg": "Give a date as 2024, 2024-08 or 2024-08-12."}
                )
        if errors:
            raise ApiError(422, "invalid", "The request is not valid.", errors)
        return SpeechFilters(
            speaker=speaker,
            named=self.named,
            role=self.role.strip(),
            event=self.event.strip(),
            compilation=compilation,
            year=self.year,
            undated=self.undated,
            **dates,
        )
