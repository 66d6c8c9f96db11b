"""The bundled seeds held to their one source text: nothing copied, no figure beyond it.

The seeds restate the Chinanews report on Tianjin's 2021 Government Work Report.
Two promises are checked here against the report itself, read from the project's
shared folder (``../shared/sources`` beside a checkout, or further up for a
worktree): no field copies a run of the report's words, and every figure, year and
date in a record appears in a paragraph that the record cites, unless one of the
record's notes says that figure is derived.  In CI a missing source text is a
failure, so the checks cannot pass by being skipped; elsewhere they skip and say why.
"""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).parents[1]
SEEDS = REPO / "seeds"
SOURCE_NAME = "tianjin-2021-government-work-report.txt"
COPY_RUN = 8  # this many consecutive source words in one field counts as copying
DERIVED = "derived"  # a note with this word explains the figures it names


def origin_checkout(repo: Path) -> Path | None:
    """The checkout this one was cloned from, when it is a folder on this machine.

    A clean clone made for a CI run (``git clone . "$(mktemp -d)"``) sits far from the
    shared folder; the checkout it came from does not.
    """
    try:
        url = subprocess.run(
            ["git", "-C", str(repo), "config", "--get", "remote.origin.url"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(url.removeprefix("file://")) if url and "://" not in url.replace("file://", "") else None
    return path.resolve() if path is not None and path.is_dir() else None


def candidates(repo: Path) -> list[Path]:
    """Where the source may be: ``shared/sources`` beside the checkout or further up, then the
    same beside the checkout it was cloned from."""
    roots = [repo, *([origin] if (origin := origin_checkout(repo)) else [])]
    return [parent / "shared" / "sources" / SOURCE_NAME for root in roots for parent in root.parents]


CANDIDATES = candidates(REPO)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def read_source(candidates: list[Path], ci: bool) -> str:
    """The source text from the first candidate that exists; fail in CI, skip elsewhere."""
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    where = ", ".join(str(p) for p in candidates[:2])
    if ci:
        pytest.fail(f"CI is set but the seeds' source text is missing (looked in {where})")
    pytest.skip(f"the seeds' source text is not on this machine (looked in {where})")


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    """Paragraph N of the source is ``paragraphs[N - 1]``: the N-th non-empty line."""
    text = read_source(CANDIDATES, in_ci())
    return [line.strip() for line in text.splitlines() if line.strip()]


def documents() -> list[tuple[str, dict[str, Any]]]:
    paths = sorted(SEEDS.glob("*.toml"))
    return [(path.name, tomllib.loads(path.read_text(encoding="utf-8"))) for path in paths]


def records(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every record of one plan document, with its kind: the plan, then each section's."""
    yield "plan", doc["plan"]
    for section in ("sources", "periods", "goals", "projects", "indicators", "milestones"):
        for record in doc.get(section, []):
            yield section.removesuffix("s"), record


def test_missing_source_fails_in_ci_and_skips_elsewhere(tmp_path: Path) -> None:
    nowhere = [tmp_path / "shared" / "sources" / SOURCE_NAME]
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        read_source(nowhere, ci=True)
    with pytest.raises(pytest.skip.Exception, match="not on this machine"):
        read_source(nowhere, ci=False)
    nowhere[0].parent.mkdir(parents=True)
    nowhere[0].write_text("found", encoding="utf-8")
    assert read_source(nowhere, ci=True) == "found"


def test_sources_count_the_paragraphs_of_the_text(paragraphs: list[str]) -> None:
    counts = {source["paragraphs"] for _, doc in documents() for source in doc.get("sources", [])}
    assert counts == {len(paragraphs)}


# --- No copying ---------------------------------------------------------------

#: Fields that hold ids, references or fixed words rather than prose.
NOT_PROSE = {"id", "parent", "goals", "projects", "period", "source", "kind", "status", "direction"} | {
    "currency"
}


def leaves(value: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    """Every plain value inside a record, with the key it stands under (a list's items: the list's)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, k)
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item, key)
    else:
        yield key, value


def prose(record: dict[str, Any]) -> Iterator[str]:
    """Every free-text string inside a record, tags and notes included."""
    return (value for key, value in leaves(record) if isinstance(value, str) and key not in NOT_PROSE)


def words(text: str) -> list[str]:
    """Lower-case word sequence; punctuation and hyphens split words (the stricter reading)."""
    return re.findall(r"[a-z0-9]+", text.lower())


def runs(seq: list[str], n: int = COPY_RUN) -> set[tuple[str, ...]]:
    return {tuple(seq[i : i + n]) for i in range(len(seq) - n + 1)}


def copied(text: str, source_runs: set[tuple[str, ...]]) -> bool:
    return bool(runs(words(text)) & source_runs)


def test_copy_check_sees_a_copied_run(paragraphs: list[str]) -> None:
    source_runs = runs(words(" ".join(paragraphs)))
    sentence = paragraphs[2]  # the session's opening, long enough to hold a run
    assert copied(f"As the report put it: {sentence.lower()}", source_runs)
    assert not copied("The annual session of the city's congress opened at Tianjin Auditorium.", source_runs)


def test_no_field_copies_the_report(paragraphs: list[str]) -> None:
    source_runs = runs(words(" ".join(paragraphs)))
    found = [
        (name, record["id"], text)
        for name, doc in documents()
        for _, record in records(doc)
        for text in prose(record)
        if copied(text, source_runs)
    ]
    assert found == []


# --- Figures --------------------------------------------------------------------

ORDINALS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth",
)  # fmt: skip
CARDINALS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
#: Words read as numbers.  "one" is left out, being nearly always a pronoun here ("one of the
#: ten platforms"), and so is "may", which in these texts is the verb.
WORD_VALUES = (
    {w: i for i, w in enumerate(ORDINALS, 1)}
    | {w: i for i, w in enumerate(CARDINALS, 2)}
    | {w: i for i, w in enumerate(MONTHS, 1) if w != "may"}
)
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}

#: Not figures: a plan's name ("13th Five-Year Plan", "Fourteenth Five-Year Plan", "14th-plan"),
#: the words "five-year" themselves, and references to paragraphs of the source.
NAMES = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)|[a-z]+teenth)(?:\s+|-)(?:five-year\s+)?plan\b|\bfive-year\b"
    r"|\bparagraphs?\s+\d+(?:(?:,\s*|\s+and\s+|\s*-\s*)\d+)*",
    re.IGNORECASE,
)
#: A number standing alone: "33,000", "10", "2016-2020", "13th"; not "5G" nor "tj14".
NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:st|nd|rd|th)?(?!\w)")
TOKEN = re.compile(r"[a-z]+|(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:st|nd|rd|th)?(?!\w)")


def figures(text: str) -> set[float]:
    """The numbers a text states, in digits or in words; "10 billion" counts as 10 and 1e10."""
    found: set[float] = set()
    previous: float | None = None
    for token in TOKEN.findall(NAMES.sub(" ", text.lower())):
        number = NUMBER.fullmatch(token)
        if number:
            previous = float(number.group(1).replace(",", ""))
            found.add(previous)
            continue
        if previous is not None and token in SCALES:
            found.add(previous * SCALES[token])
        previous = None
        if token in WORD_VALUES:
            found.add(float(WORD_VALUES[token]))
    return found


DATE_FIELDS = {"date", "as_of", "planned_start", "planned_end", "actual_start", "actual_end"}
NUMBER_FIELDS = {"start", "end", "horizon", "baseline", "baseline_year", "value", "amount"}
#: Ids, references and the source's file name and paragraph count, checked elsewhere or not facts.
SKIPPED = NOT_PROSE | {"paragraph", "paragraphs", "format", "location"}


def claims(record: dict[str, Any]) -> Iterator[tuple[str, str | float]]:
    """Every ("text" | "note" | "number", value) a record holds, however deep."""
    for key, value in leaves(record):
        if key in SKIPPED:
            continue
        if key in DATE_FIELDS:
            for part in str(value).split("-"):
                yield "number", float(part)
        elif key in NUMBER_FIELDS:
            yield "number", float(value)
        elif isinstance(value, str):
            yield ("note" if key == "note" else "text"), value


def cited(record: dict[str, Any]) -> list[int]:
    """The paragraph numbers a record's citations (observations' included) point at."""
    return [int(value) for key, value in leaves(record) if key == "paragraph"]


def unsupported(kind: str, record: dict[str, Any], paragraphs: list[str]) -> set[float]:
    """Figures of a record found neither in its cited paragraphs nor in a note that says derived.

    A source describes the whole text, so all of it is its citation.
    """
    if kind == "source":
        sources = paragraphs
    else:
        sources = [paragraphs[n - 1] for n in cited(record) if 0 < n <= len(paragraphs)]
    allowed = set().union(*(figures(p) for p in sources))
    stated: set[float] = set()
    for what, value in claims(record):
        if what == "number":
            stated.add(float(value))
        elif what == "note" and DERIVED in str(value).lower():
            allowed |= figures(str(value))
        else:
            stated |= figures(str(value))
    return stated - allowed


def test_figures_reads_digits_words_and_scales() -> None:
    assert figures("33,000 5G base stations, 10 billion yuan, ten platforms") == {33000, 10, 1e10}
    assert figures("Third place; opened on January 25 (paragraph 3) in tj14") == {3, 1, 25}
    assert figures("the 13th Five-Year Plan (2016-2020), the 14th plan, 13th-plan results") == {2016, 2020}


def test_a_figure_beyond_the_cited_paragraph_is_caught(paragraphs: list[str]) -> None:
    record = {
        "id": "g",
        "title": "Twelve platforms approved by 2019",
        "citations": [{"source": "s", "paragraph": 7, "note": "Ten platforms."}],
    }
    assert unsupported("goal", record, paragraphs) == {12, 2019}
    record["citations"].append({"source": "s", "paragraph": 7, "note": "2019 is derived from the period."})
    assert unsupported("goal", record, paragraphs) == {12}


def test_every_figure_is_in_a_cited_paragraph_or_said_to_be_derived(paragraphs: list[str]) -> None:
    found = {
        (name, record["id"]): sorted(extra)
        for name, doc in documents()
        for kind, record in records(doc)
        if (extra := unsupported(kind, record, paragraphs))
    }
    assert found == {}
