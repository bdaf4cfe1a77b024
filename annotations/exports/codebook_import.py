"""Import a REFI-QDA codebook (.qdc) as themes.

Codes become themes under the same parents. A code that is already in the
codebook (the same GUID as one of our exports, or the same name under the
same parent) is left as it is; only new codes are created, through
``annotations.services.create_theme``, so the activity log records them.
Everything is checked before anything is written, and the writes happen in
one transaction: a refused file changes nothing.
"""

from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _
from lxml import etree

from annotations import services
from annotations.exports.refi import CODEBOOK_NS, ENGLISH_PREFIX, PROJECT_NS, guid
from annotations.models import Theme
from annotations.services.colours import is_readable, least_used
from core.errors import InvalidInput
from core.fields import TooLong, check_length, one_line

MAX_BYTES = 5 * 1024 * 1024
MAX_CODES = 2000


@dataclass
class ParsedCode:
    name: str
    colour: str | None
    name_en: str
    description: str
    guid: str
    children: list["ParsedCode"] = field(default_factory=list)


@dataclass
class CodebookImport:
    created: list[Theme] = field(default_factory=list)
    existing: int = 0
    recoloured: list[str] = field(default_factory=list)  # codes whose colour we could not keep


def parse_codebook(data: bytes) -> list[ParsedCode]:
    """The code tree of a .qdc (or of the CodeBook inside a .qde); raises InvalidInput."""
    if len(data) > MAX_BYTES:
        raise InvalidInput(_("The codebook file is larger than 5 MB."))
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise InvalidInput(
            _("This is not a readable XML file: %(error)s") % {"error": error.msg}
        ) from None
    if root.tag == f"{{{CODEBOOK_NS}}}CodeBook":
        ns = CODEBOOK_NS
        codes = root.find(f"{{{ns}}}Codes")
    elif root.tag == f"{{{PROJECT_NS}}}Project":
        ns = PROJECT_NS
        codes = root.find(f"{{{ns}}}CodeBook/{{{ns}}}Codes")
    else:
        raise InvalidInput(_("This is not a REFI-QDA codebook: the root element is not CodeBook."))
    if codes is None:
        raise InvalidInput(_("The codebook holds no Codes element."))
    problems: list[dict] = []
    count = [0]

    def read(element, path: list[str]) -> ParsedCode:
        count[0] += 1
        name = one_line(element.get("name") or "")
        where = " / ".join([*path, name or "?"])
        if not name:
            problems.append({"code": where, "problem": str(_("A code has no name."))})
        description_element = element.find(f"{{{ns}}}Description")
        description = (description_element.text or "") if description_element is not None else ""
        name_en = ""
        if description.startswith(ENGLISH_PREFIX):
            first, _sep, rest = description.partition("\n")
            name_en, description = first[len(ENGLISH_PREFIX) :].strip(), rest
        description = description.strip()
        # Each text within its field's limit (the model's), or a problem of this code.
        texts = (("name", name), ("name_en", name_en), ("description", description))
        for text_field, value in texts:
            try:
                check_length(Theme, text_field, value)
            except TooLong as refused:
                problems.append({"code": where, "field": text_field, "problem": refused.message})
        children = [read(child, [*path, name]) for child in element.findall(f"{{{ns}}}Code")]
        return ParsedCode(
            name=name,
            colour=_colour(element.get("color")),
            name_en=name_en,
            description=description,
            guid=(element.get("guid") or "").strip("{}").upper(),
            children=children,
        )

    tree = [read(code, []) for code in codes.findall(f"{{{ns}}}Code")]
    if count[0] > MAX_CODES:
        raise InvalidInput(_("The codebook has more than 2,000 codes."))
    if problems:
        raise InvalidInput(_("Some codes cannot become themes; nothing was imported."), problems)
    if not tree:
        raise InvalidInput(_("The codebook holds no codes."))
    return tree


def _colour(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip().lower()
    if len(value) == 4 and value.startswith("#"):  # #abc -> #aabbcc
        value = "#" + "".join(c * 2 for c in value[1:])
    if len(value) == 7 and value.startswith("#"):
        try:
            int(value[1:], 16)
        except ValueError:
            return None
        return value
    return None


def import_codebook(*, data: bytes, actor: AbstractBaseUser) -> CodebookImport:
    """Create the themes of a .qdc codebook that are not in ours yet."""
    tree = parse_codebook(data)
    result = CodebookImport()
    themes = list(Theme.objects.all())
    by_guid = {guid("theme", t.pk): t for t in themes}
    by_place = {(t.parent_id, t.name): t for t in themes}
    # The codebook's colours, kept up to date as codes are added (no query per code).
    colours = [t.colour for t in themes]

    def place(code: ParsedCode, parent: Theme | None) -> None:
        theme = by_guid.get(code.guid) or by_place.get((parent and parent.pk, code.name))
        if theme is not None:
            result.existing += 1
        else:
            colour = code.colour
            if colour is None or not is_readable(colour):
                if colour is not None:
                    result.recoloured.append(code.name)
                colour = least_used(colours)
            theme = services.create_theme(
                actor=actor,
                name=code.name,
                name_en=code.name_en,
                colour=colour,
                parent=parent,
                description=code.description,
            )
            by_place[(theme.parent_id, theme.name)] = theme
            colours.append(theme.colour)
            result.created.append(theme)
        for child in code.children:
            place(child, theme)

    with transaction.atomic():
        for code in tree:
            place(code, None)
    return result
