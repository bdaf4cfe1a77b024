"""``python -m text.parsing FILE``: print the parse of FILE as JSON.

Exit status 0 with the JSON (UTF-8, ``ensure_ascii=False``, indent 1) on
standard output; 1 with the refusal message on standard error when the
file is refused; 2 when the file cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .errors import ParseError
from .parser import DEFAULT_MAX_BYTES, parse_bytes


def main(argv: Sequence[str] | None = None) -> int:
    arguments = argparse.ArgumentParser(
        prog="python -m text.parsing",
        description="Parse a compilation of speeches and print it as JSON.",
    )
    arguments.add_argument("file", help="a .txt or .docx file")
    arguments.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES)
    options = arguments.parse_args(argv)
    try:
        with open(options.file, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        print(f"无法读取文件：{exc}", file=sys.stderr)
        return 2
    try:
        compilation = parse_bytes(data, filename=options.file, max_bytes=options.max_bytes)
    except ParseError as exc:
        print(f"{exc.message}\n{exc.message_en}", file=sys.stderr)
        return 1
    output = json.dumps(compilation.to_dict(), ensure_ascii=False, indent=1)
    # Write UTF-8 bytes whatever the locale says, so pipes get valid JSON.
    sys.stdout.buffer.write(output.encode("utf-8") + b"\n")
    sys.stdout.flush()
    return 0
