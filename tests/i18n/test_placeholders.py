"""Every translation keeps the placeholders of its source, and every plural
entry has as many forms as the catalogue's Plural-Forms asks, each with the
placeholders of the plural source: with nplurals=1, msgstr[0] stands for
every count, so it must show the count where the English plural does."""

import ast
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"
DOMAINS = [p for p in (LOCALE / "django.po", LOCALE / "djangojs.po") if p.exists()]
# %(name)s, %(count)d, %s, %d; "%%" is a literal percent sign.
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]")


def entries(path: Path) -> list[dict]:
    """Each entry as {"msgid", "msgid_plural", "msgstr": [forms], "flags"}."""
    result = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        fields: dict[str, str] = {}
        flags = " ".join(line for line in lines if line.startswith("#,"))
        key = None
        for line in lines:
            match = re.match(r"(msgid|msgid_plural|msgstr(?:\[\d+\])?) (\".*\")$", line)
            if match:
                key = match[1]
                fields[key] = ast.literal_eval(match[2])
            elif line.startswith('"') and key:
                fields[key] += ast.literal_eval(line)
        if "msgid" not in fields:
            continue
        forms = [fields[k] for k in sorted(k for k in fields if k.startswith("msgstr["))]
        result.append({
            "msgid": fields["msgid"],
            "msgid_plural": fields.get("msgid_plural"),
            "msgstr": forms or [fields.get("msgstr", "")],
            "flags": flags,
        })
    return result


def placeholders(text: str) -> set[str]:
    text = text.replace("%%", "")
    return {m[0] for m in PLACEHOLDER.finditer(text)}


def nplurals(path: Path) -> int:
    header = next(e for e in entries(path) if e["msgid"] == "")["msgstr"][0]
    return int(re.search(r"nplurals=(\d+)", header)[1])


def test_the_placeholder_pattern():
    assert placeholders("%(n)s passages, %(count)d speeches, %s, 100%% done") == {
        "%(n)s", "%(count)d", "%s",
    }


@pytest.mark.parametrize("po", DOMAINS, ids=lambda p: p.name)
def test_every_plural_entry_has_the_catalogues_forms_with_the_count(po):
    n = nplurals(po)
    plural = [e for e in entries(po) if e["msgid_plural"] is not None]
    assert plural, f"{po.name} has plural entries"
    wrong_forms = [e["msgid"] for e in plural if len(e["msgstr"]) != n]
    assert not wrong_forms, f"{po.name}: not {n} form(s): {wrong_forms}"
    lost = [
        (e["msgid_plural"], form)
        for e in plural
        for form in e["msgstr"]
        if placeholders(form) != placeholders(e["msgid_plural"]) | placeholders(e["msgid"])
    ]
    assert not lost, f"{po.name}: placeholders differ from the source: {lost}"


@pytest.mark.parametrize("po", DOMAINS, ids=lambda p: p.name)
def test_every_translation_keeps_the_placeholders_of_its_source(po):
    lost = [
        (e["msgid"], e["msgstr"][0])
        for e in entries(po)
        if e["msgid"] and e["msgid_plural"] is None and e["msgstr"][0]
        and placeholders(e["msgstr"][0]) != placeholders(e["msgid"])
    ]
    assert not lost, f"{po.name}: placeholders differ from the source: {lost}"
