"""The Chinese catalogue is complete and the compiled .mo matches the .po."""

import ast
import gettext
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr (msgstr[0] for plurals), skipping fuzzy and obsolete entries;
    an entry with a msgctxt is keyed "msgctxt\x04msgid"."""
    entries: dict[str, str] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if any(line.startswith("#,") and "fuzzy" in line for line in lines):
            entries.setdefault("__fuzzy__", "")
            entries["__fuzzy__"] += "|" + block[:80]
            continue
        fields: dict[str, str] = {}
        key = None
        for line in lines:
            if line.startswith(("msgctxt ", "msgid ", "msgid_plural ", "msgstr ", "msgstr[0] ")):
                key, value = line.split(" ", 1)
                fields[key] = ast.literal_eval(value)
            elif line.startswith('"') and key:
                fields[key] += ast.literal_eval(line)
        if fields.get("msgid"):
            # A msgid with a context is looked up as "context\x04msgid", as gettext does.
            key = "\x04".join(filter(None, (fields.get("msgctxt"), fields["msgid"])))
            entries[key] = fields.get("msgstr", fields.get("msgstr[0]", ""))
    return entries


def test_every_string_has_a_chinese_translation():
    for domain in ("django", "djangojs"):
        po = LOCALE / f"{domain}.po"
        if not po.exists():
            continue
        entries = read_po(po)
        assert "__fuzzy__" not in entries, f"fuzzy entries in {po.name}: {entries['__fuzzy__']}"
        missing = [msgid for msgid, msgstr in entries.items() if not msgstr]
        assert not missing, f"untranslated in {po.name}: {missing}"


def test_compiled_catalogue_matches_the_source():
    for domain in ("django", "djangojs"):
        po = LOCALE / f"{domain}.po"
        if not po.exists():
            continue
        with (LOCALE / f"{domain}.mo").open("rb") as f:
            compiled = gettext.GNUTranslations(f)
        stale = [
            msgid for msgid, msgstr in read_po(po).items() if compiled.gettext(msgid) != msgstr
        ]
        assert not stale, f"{domain}.mo is out of date (run compilemessages): {stale[:5]}"


def test_the_chinese_interface_addresses_the_reader_one_way():
    # The site says 您 (as to a member of the public, the office's register); a 你 among
    # its messages reads as a slip. 你们 (a plural in quoted speech) is not an address.
    for domain in ("django", "djangojs"):
        po = LOCALE / f"{domain}.po"
        informal = [msgstr for msgstr in read_po(po).values() if "你" in msgstr.replace("你们", "")]
        assert informal == [], f"{po.name}: {informal}"
