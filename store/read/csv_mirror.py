"""Which models the SQL of :mod:`~planscope.store.read.csv_sql` mirrors, so a changed model cannot slip by.

The fast CSV path is only right while its SQL says no more than the
models.  Each model is fingerprinted (field types, constraints, defaults,
validators, the code of its whole-record findings and the limits of
:mod:`~planscope.store.read.fields`); ``MODEL_HASHES`` records the fingerprints the SQL was
written against.  A kind whose model no longer matches loads row by row
until the SQL and this table are brought up to date, and
``tests/test_csv_fast.py`` fails, naming the kind, so that is not forgotten.
"""

from __future__ import annotations

import hashlib
import inspect
import re
from typing import Final, get_args

from pydantic import BaseModel

from planscope.store.read.csv_format import KIND_OF_TABLE
from planscope.store.read.fields import LIMITS
from planscope.store.read.models import MODEL_OF_KIND, Record


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


def _findings_code(model: type[BaseModel]) -> str:
    """The code of a model's own whole-record findings (rules its field types do not show)."""
    own = model.__dict__.get("findings")
    return inspect.getsource(own) if own is not None and own is not Record.findings else ""


def fingerprint(model: type[BaseModel]) -> str:
    """What a model accepts, as text: its fields' types, constraints and defaults, its validators,
    its findings, and the same for every model nested in it."""
    lines = []
    for name, info in model.model_fields.items():
        lines.append(f"{name}: {info.annotation!r} {info.metadata!r} default={info.default!r}")
        lines += [fingerprint(inner) for inner in _models_in(info.annotation) if inner is not model]
    decorators = model.__pydantic_decorators__
    checks = sorted([*decorators.model_validators, *decorators.field_validators])
    text = (
        f"{model.__name__}({'; '.join(lines)}) validators {checks} config {model.model_config!r} "
        f"findings {_findings_code(model)} limits {LIMITS!r}"
    )
    # Addresses and the models' module path say nothing of what a model accepts: moving the
    # module must not turn the fast path off.
    return re.sub(r" at 0x[0-9a-f]+", "", text).replace(f"{model.__module__}.", "")


def model_hash(model: type[BaseModel]) -> str:
    return hashlib.sha256(fingerprint(model).encode()).hexdigest()[:16]


#: The models as the SQL tests mirror them.  ``tests/test_csv_fast.py`` fails, naming the
#: kind, when a model changes; until this table is updated that kind loads row by row.
MODEL_HASHES: Final[dict[str, str]] = {
    "plan": "e466d0d57fca845d",
    "source": "6041dfea56af3fb4",
    "period": "8bdb97159db97ff3",
    "goal": "5825f534c05e4fe2",
    "project": "6b9a4b691430b541",
    "indicator": "ac73aba76e71e66f",
    "milestone": "df66caf23bca6391",
    "target": "f8843eaac0835aad",
    "observation": "391110584614fd1e",
}


def fast_kinds() -> set[str]:
    """The CSV kinds whose models are still the ones mirrored in :mod:`~planscope.store.read.csv_sql`."""
    return {
        table
        for table, kind in KIND_OF_TABLE.items()
        if MODEL_HASHES.get(kind) == model_hash(MODEL_OF_KIND[kind])
    }
