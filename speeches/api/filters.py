"""The filters every speech list and search of the API accepts, as query parameters.

The same parameters as the pages' (``speeches.filters.SpeechFilterForm``,
which checks and resolves them here too): the API and the pages cannot drift
apart. Other apps extend ``SpeechFilterParams`` for their own lists.
"""

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import create_model

from core.errors import InvalidInput, NotFound
from speeches.filters import FILTERS, SpeechFilterForm, SpeechFilters

FILTERS_HELP = (
    "Filters combine, the same as on the pages: `speaker` (id or slug), `named`, `role`, "
    "`event`, `compilation`, `year`, `from`/`to` (a date at any precision; `to` means the "
    "end of its year, month or day), `undated`."
)


class _FilterParams(Schema):
    def query(self) -> dict[str, str]:
        """The parameters given, as the pages' URLs carry them."""
        values = {}
        for spec in FILTERS:
            value = getattr(self, spec.api_attribute)
            if value is None or value == "" or (spec.api_type is bool and not value):
                continue
            values[spec.param] = ("1" if value else "0") if isinstance(value, bool) else str(value)
        return values

    def filters(self) -> SpeechFilters:
        """The filters, or 422 naming each parameter that is not understood."""
        return checked(SpeechFilterForm(self.query())).filters()


# The parameters, made from the filters' one specification (speeches.filters.FILTERS).
SpeechFilterParams = create_model(
    "SpeechFilterParams",
    __base__=_FilterParams,
    **{spec.api_attribute: (spec.api_type, Field(**spec.api_field)) for spec in FILTERS},
)


def checked(form: SpeechFilterForm, *, unknown_is_missing: bool = False) -> SpeechFilterForm:
    """``form`` if every parameter is valid; otherwise an ``InvalidInput`` that names them.

    A parameter naming something that does not exist (a speaker, a
    compilation) is invalid input for a list; for an export, whose
    parameters name what to export, ``unknown_is_missing`` makes it
    ``NotFound`` (404 in the API).
    """
    # In the request's language, like every other error message of the API.
    errors = form.param_errors()
    if not errors:
        return form
    if unknown_is_missing and all(e["code"] == "unknown" for e in errors):
        raise NotFound(
            errors[0]["msg"],
            {"field": errors[0]["loc"][-1]},
        )
    details = [{"loc": e["loc"], "msg": e["msg"]} for e in errors]
    raise InvalidInput(_("The request is not valid."), details)
