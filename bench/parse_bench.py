"""Parser speed: CPU seconds to parse a folder of texts, and how it scales.

Usage, from the project's root:
    .venv/bin/python bench/parse_bench.py [FOLDER]
FOLDER defaults to ../shared/corpus. Prints the best of three passes over
the folder, then the largest file repeated 1, 4 and 16 times (the parser
must stay linear: uploads reach 20 MB).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from text.parsing import parse_bytes


def cpu(function) -> float:
    start = time.process_time()
    function()
    return time.process_time() - start


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
    files = sorted(folder.glob("*.txt"))
    if not files:
        sys.exit(f"no .txt files in {folder}")
    texts = [path.read_bytes() for path in files]
    size = sum(map(len, texts)) / 1e6
    pairs = list(zip(files, texts, strict=True))

    def parse_all() -> None:
        for path, data in pairs:
            parse_bytes(data, filename=path.name)

    best = min(cpu(parse_all) for _ in range(3))
    print(f"{len(files)} files, {size:.1f} MB: {best:.2f} s CPU ({size / best:.1f} MB/s)")
    largest = max(texts, key=len)
    for times in (1, 4, 16):
        data = largest * times
        seconds = cpu(lambda data=data: parse_bytes(data, filename="repeated.txt"))
        print(f"largest file x{times}: {len(data) / 1e6:.1f} MB in {seconds:.2f} s CPU")


if __name__ == "__main__":
    main()
