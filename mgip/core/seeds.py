"""The documentation the project was built from: checking that cited sentences are really there."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path


def collapse(text: str) -> str:
    """Whitespace runs as single spaces: the seeds wrap lines where a quote may not."""
    return re.sub(r"\s+", " ", text).strip()


def misquotes(citations: Iterable[tuple[str, str, str]], seeds_dir: Path) -> list[str]:
    """For each (where, seed file, quote), a problem when the quote is not verbatim in the seed."""
    texts: dict[str, str] = {}
    problems = []
    for where, seed, quote in citations:
        if seed not in texts:
            path = seeds_dir / seed
            texts[seed] = collapse(path.read_text(encoding="utf-8")) if path.is_file() else ""
        if not texts[seed]:
            problems.append(f"{where}: cites {seed}, which is not in {seeds_dir}")
        elif collapse(quote) not in texts[seed]:
            problems.append(f"{where}: quote not found in {seed}")
    return problems
