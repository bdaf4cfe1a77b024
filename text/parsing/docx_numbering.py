"""Word's automatic numbering, written out as the reader sees it.

A heading typed as 一、 is text; a heading numbered by Word's list feature
is not: ``word/document.xml`` holds only the paragraph's list and level
(``w:numPr``, on the paragraph or on its style), and Word draws 一、 from
``word/numbering.xml`` while it lays the page out. Documents from offices
number their headings either way, and without the labels the parser would
see a run of unnumbered lines where the reader sees 一、二、（一）.

This module keeps Word's counters while the paragraphs are read in order,
and gives each numbered paragraph its label (``一、``, ``（二）``, ``1.``)
followed by the level's separator, as Word's own "copy as text" writes it
(ECMA-376 Part 1, 17.9: numbering). It covers what documents use:

* the list of a paragraph from its own ``w:numPr`` or from its paragraph
  style's (through ``w:basedOn``), level 0 unless one is given, ``numId``
  0 meaning "not numbered";
* a level's start, format, text (``%1、``, ``（%2）``, ``%1.%2``), legal
  numbering (``w:isLgl``), its suffix (tab, space or nothing), and a
  list instance's ``w:lvlOverride`` (a new start, or a whole new level);
* counters kept per abstract list, so that two list instances of one
  abstract list count on together, as Word counts them, unless the
  instance restarts a level (``w:startOverride``); a level counts again
  from its start whenever a level above it advances.

Bullets and ``none`` give no label (a bullet glyph is often a private-use
character of the Symbol font, and no reader cites it). Lists linked
through a numbering style (``w:numStyleLink``) are followed to that style's
list. Anything unreadable here leaves the paragraphs unnumbered rather
than refusing a document Word opens.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{_W}val"

# What Word writes between the label and the paragraph's text, by w:suff.
_SUFFIXES = {"tab": "\t", "space": " ", "nothing": ""}

_CN_DIGITS = "零一二三四五六七八九"
_CN_DIGIT_BY_DIGIT = "〇一二三四五六七八九"
_CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _chinese(n: int, digits: str = _CN_DIGITS, units: str = "十百千万") -> str:
    """``n`` in Chinese counting: 十, 十一, 二十, 一百零五, 一千二百."""
    if n <= 0:
        return digits[0] if n == 0 else str(n)
    if n >= 100_000:
        return str(n)
    if 10 <= n < 20 and digits is _CN_DIGITS:
        # 十一, not 一十一, as Word's chineseCounting writes the teens.
        return units[0] + (digits[n - 10] if n > 10 else "")
    places = [(10_000, units[3]), (1000, units[2]), (100, units[1]), (10, units[0]), (1, "")]
    out: list[str] = []
    zero = False
    for value, unit in places:
        digit = n // value % 10
        if digit:
            if zero and out:
                out.append(digits[0])
            out.append(digits[digit] + unit)
            zero = False
        elif out:
            zero = True
    return "".join(out)


def _letters(n: int, first: str) -> str:
    """A, B, … Z, AA, BB, …: Word repeats the letter past Z.

    A start the document sets absurdly high must not make a huge label.
    """
    if not 0 < n <= 26 * 10:
        return str(n)
    return chr(ord(first) + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _enclosed(n: int, first: int, last_n: int) -> str:
    return chr(first + n - 1) if 1 <= n <= last_n else str(n)


def _cyclic(n: int, symbols: str) -> str:
    return symbols[(n - 1) % len(symbols)] if n > 0 else str(n)


def format_number(n: int, fmt: str) -> str:
    """The counter ``n`` as a level of format ``fmt`` (ST_NumberFormat) shows it.

    Formats not listed here (scripts of other languages) show as decimal,
    which keeps the label's punctuation for the parser to read.
    """
    match fmt:
        case (
            "chineseCounting"
            | "chineseCountingThousand"
            | "taiwaneseCounting"
            | "taiwaneseCountingThousand"
            | "japaneseCounting"
        ):
            return _chinese(n)
        case "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand":
            return "".join(_CN_DIGIT_BY_DIGIT[int(d)] for d in str(n)) if n >= 0 else str(n)
        case "chineseLegalSimplified":
            return _chinese(n, _CN_LEGAL_DIGITS, "拾佰仟萬")
        case "ideographTraditional":
            return _cyclic(n, _TIANGAN)
        case "ideographZodiac":
            return _cyclic(n, _DIZHI)
        case "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle":
            return _enclosed(n, 0x2460, 20)  # ① … ⑳
        case "decimalEnclosedParen":
            return _enclosed(n, 0x2474, 20)  # ⑴ … ⒇
        case "decimalEnclosedFullstop":
            return _enclosed(n, 0x2488, 20)  # ⒈ … ⒛
        case "decimalFullWidth" | "decimalFullWidth2":
            return str(n).translate(_FULLWIDTH)
        case "decimalZero":
            return f"{n:02d}"
        case "upperLetter":
            return _letters(n, "A")
        case "lowerLetter":
            return _letters(n, "a")
        case "upperRoman":
            return _roman(n)
        case "lowerRoman":
            return _roman(n).lower()
        case "bullet" | "none":
            return ""
        case _:
            return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False
    suffix: str = "\t"


@dataclass
class _List:
    """A list instance (w:num): its abstract list and what it overrides."""

    abstract: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, _Level] = field(default_factory=dict)


def _int(element, default: int | None = None) -> int | None:
    if element is None:
        return default
    try:
        return int(element.get(_VAL, ""))
    except ValueError:
        return default


def _read_level(lvl) -> _Level:
    level = _Level()
    start = _int(lvl.find(f"{_W}start"))
    if start is not None:
        level.start = start
    fmt = lvl.find(f"{_W}numFmt")
    if fmt is not None:
        level.fmt = fmt.get(_VAL, "decimal")
    text = lvl.find(f"{_W}lvlText")
    if text is not None:
        level.text = text.get(_VAL, "")
    legal = lvl.find(f"{_W}isLgl")
    level.legal = legal is not None and legal.get(_VAL, "true") not in ("false", "0", "off")
    suffix = lvl.find(f"{_W}suff")
    if suffix is not None:
        level.suffix = _SUFFIXES.get(suffix.get(_VAL, "tab"), "\t")
    return level


def _parse(xml: bytes | None):
    if not xml:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(xml, parser)
    except etree.LxmlError:
        return None


class Numbering:
    """The labels of a document's numbered paragraphs, read in order."""

    def __init__(self, numbering_xml: bytes | None, styles_xml: bytes | None) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._abstract_style_link: dict[str, str] = {}
        self._lists: dict[str, _List] = {}
        # Per abstract list: the counters of its levels, and the levels used.
        self._counters: dict[str, dict[int, int]] = {}
        self._restarted: set[str] = set()
        self._style_numbering: dict[str, tuple[str | None, int | None]] = {}
        self._style_based_on: dict[str, str] = {}
        self._read_numbering(_parse(numbering_xml))
        self._read_styles(_parse(styles_xml))

    def _read_numbering(self, root) -> None:
        if root is None:
            return
        for abstract in root.iterfind(f"{_W}abstractNum"):
            key = abstract.get(f"{_W}abstractNumId", "")
            self._abstract[key] = {
                _int_attr(lvl, "ilvl"): _read_level(lvl) for lvl in abstract.iterfind(f"{_W}lvl")
            }
            link = abstract.find(f"{_W}numStyleLink")
            if link is not None:
                self._abstract_style_link[key] = link.get(_VAL, "")
        for num in root.iterfind(f"{_W}num"):
            abstract_id = num.find(f"{_W}abstractNumId")
            if abstract_id is None:
                continue
            instance = _List(abstract=abstract_id.get(_VAL, ""))
            for override in num.iterfind(f"{_W}lvlOverride"):
                ilvl = _int_attr(override, "ilvl")
                start = _int(override.find(f"{_W}startOverride"))
                if start is not None:
                    instance.start_overrides[ilvl] = start
                lvl = override.find(f"{_W}lvl")
                if lvl is not None:
                    instance.level_overrides[ilvl] = _read_level(lvl)
            self._lists[num.get(f"{_W}numId", "")] = instance

    def _read_styles(self, root) -> None:
        if root is None:
            return
        for style in root.iterfind(f"{_W}style"):
            if style.get(f"{_W}type", "paragraph") not in ("paragraph", "numbering"):
                continue
            key = style.get(f"{_W}styleId", "")
            based_on = style.find(f"{_W}basedOn")
            if based_on is not None:
                self._style_based_on[key] = based_on.get(_VAL, "")
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                num_id = num_pr.find(f"{_W}numId")
                self._style_numbering[key] = (
                    None if num_id is None else num_id.get(_VAL),
                    _int(num_pr.find(f"{_W}ilvl")),
                )

    def _style_num_pr(self, style: str) -> tuple[str | None, int | None]:
        """The list and level a paragraph style gives, through its bases."""
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            own_id, own_level = self._style_numbering.get(style, (None, None))
            num_id = num_id if num_id is not None else own_id
            ilvl = ilvl if ilvl is not None else own_level
            style = self._style_based_on.get(style, "")
        return num_id, ilvl

    def _resolved(self, abstract: str) -> str:
        """The abstract list ``abstract`` stands for, following a numbering
        style's link (``w:numStyleLink``): the two count as one list."""
        seen: set[str] = set()
        while abstract in self._abstract_style_link and abstract not in seen:
            seen.add(abstract)
            num_id, _ = self._style_num_pr(self._abstract_style_link[abstract])
            linked = self._lists.get(num_id or "")
            if linked is None:
                break
            abstract = linked.abstract
        return abstract

    def label(self, p) -> str:
        """The label Word draws before paragraph ``p`` (a ``w:p``), or ``""``.

        Call it for every paragraph of the document in order: it advances
        the counters.
        """
        if not self._lists:
            return ""
        p_pr = p.find(f"{_W}pPr")
        if p_pr is None:
            return ""
        num_id: str | None = None
        ilvl: int | None = None
        num_pr = p_pr.find(f"{_W}numPr")
        if num_pr is not None:
            own = num_pr.find(f"{_W}numId")
            num_id = None if own is None else own.get(_VAL)
            ilvl = _int(num_pr.find(f"{_W}ilvl"))
        style = p_pr.find(f"{_W}pStyle")
        if style is not None and (num_id is None or ilvl is None):
            style_id, style_level = self._style_num_pr(style.get(_VAL, ""))
            num_id = num_id if num_id is not None else style_id
            ilvl = ilvl if ilvl is not None else style_level
        instance = self._lists.get(num_id or "")
        if instance is None:  # numId 0, or a list the document does not define
            return ""
        try:
            return self._advance(num_id or "", instance, min(max(ilvl or 0, 0), 8))
        except (ValueError, IndexError, KeyError):
            # A level this reading does not foresee: the paragraph unnumbered,
            # the document still read (the promise of the module's docstring).
            return ""

    def _advance(self, num_id: str, instance: _List, ilvl: int) -> str:
        abstract = self._resolved(instance.abstract)
        levels = dict(self._abstract.get(abstract, {}))
        levels.update(instance.level_overrides)
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(abstract, {})
        if num_id not in self._restarted and instance.start_overrides:
            # A list instance that restarts its levels does so where it is first used.
            self._restarted.add(num_id)
            for over in instance.start_overrides:
                counters.pop(over, None)
                for deeper in [k for k in counters if k > over]:
                    del counters[deeper]

        def start(k: int) -> int:
            if k in instance.start_overrides:
                return instance.start_overrides[k]
            return levels[k].start if k in levels else 1

        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start(ilvl)
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return ""

        def shown(k: int) -> str:
            # %N shows level N's counter in level N's format; legal numbering
            # (w:isLgl) shows every level in Arabic numerals (1.2, not 一.2).
            fmt = levels[k].fmt if k in levels else "decimal"
            return format_number(counters.get(k, start(k)), "decimal" if level.legal else fmt)

        text = level.text
        out: list[str] = []
        i = 0
        while i < len(text):
            # %1 … %9 only: str.isdigit would take ² or ١, which int() does not read.
            if text[i] == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                out.append(shown(int(text[i + 1]) - 1))
                i += 2
            else:
                out.append(text[i])
                i += 1
        label = "".join(out)
        return label + level.suffix if label else ""


def _int_attr(element, name: str) -> int:
    try:
        return int(element.get(f"{_W}{name}", "0"))
    except ValueError:
        return 0
