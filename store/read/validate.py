"""Validate raw records one by one and phrase pydantic's errors for people.

A message names the file (and line when known), the record (kind and id, or
its position), the field, what was wrong and what was expected.  Every
problem of a record is listed: when some fields fail, the others are still
validated and checked against each other, and what is valid of the record
is kept so that the checks across records can judge it too.
"""

from __future__ import annotations

import contextlib
import functools
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from planscope.store.errors import Problem
from planscope.store.read.fields import NOT_BLANK
from planscope.store.read.items import RawRecord
from planscope.store.read.models import ID_HELP, LIMITS, MODEL_OF_KIND, Record


def record_label(kind: str, data: Any, path: str) -> str:
    """How a message names a record: ``goal 'g1'`` or, without a usable id, its position."""
    rid = data.get("id") if isinstance(data, dict) else None
    if isinstance(rid, str) and rid and len(rid) <= LIMITS.id:
        return f"{kind} {rid!r}"
    return f"{kind} at {path}"


def validate_record(raw: RawRecord) -> tuple[BaseModel | None, list[Problem]]:
    """The model of a raw record and its problems.

    With no problems, the model is the whole record.  With problems, it is
    what could be kept of the record (the valid fields, the others left
    empty) for the checks across records, or None when not even its id is
    usable; a load with any problem never commits, so nothing kept this way
    is ever read.
    """
    model = MODEL_OF_KIND[raw.kind]
    label = record_label(raw.kind, raw.data, raw.path)
    if not isinstance(raw.data, dict):
        found = type(raw.data).__name__
        return None, [Problem(raw.file, raw.line, label, None, f"expected a table of fields, got {found}")]
    try:
        return model.model_validate(raw.data), []
    except ValidationError as exc:
        errors = [e for e in exc.errors(include_url=False) if e["type"] != "record_check"]
    problems = [Problem(raw.file, raw.line, label, _field(err), _message(err, model)) for err in errors]
    bad = {str(e["loc"][0]) for e in errors if e["loc"]}
    kept = _keep_valid(model, raw.data, bad)
    if kept is None:
        return None, problems
    # A field already reported is left empty in ``kept``; a finding that it is missing is no news.
    findings = [(field, detail) for field, detail in kept.findings() if _top(field) not in bad]
    problems += [Problem(raw.file, raw.line, label, field, detail) for field, detail in findings]
    # A field at odds with another is left out too, so it cannot set off other checks.
    return _emptied(kept, {_top(field) for field, _ in findings}), problems


def _top(field: str) -> str:
    """The record's own field that a field path starts with: ``goals`` for ``goals[1]``."""
    return field.split("[")[0].split(".")[0]


@functools.cache
def _adapter(model: type[Record], name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    if not info.metadata:
        return TypeAdapter(info.annotation)
    return TypeAdapter(Annotated[(info.annotation, *info.metadata)])  # type: ignore[valid-type]


def _empty(model: type[Record], name: str) -> Any:
    info = model.model_fields[name]
    if info.default_factory is not None:
        return info.default_factory()  # type: ignore[call-arg]
    if not info.is_required():
        return info.default
    return [] if getattr(info.annotation, "__origin__", None) is list else None


def _keep_valid(model: type[Record], data: dict[str, Any], bad: set[str]) -> Record | None:
    """The record with only its valid fields, or None for a record without a usable id.

    Records without ids of their own (a target or an observation on its own
    row) are not kept: their required fields name what they belong to.
    """
    values: dict[str, Any] = {}
    for name in model.model_fields:
        values[name] = _empty(model, name)
        if name in data and name not in bad:
            with contextlib.suppress(ValidationError):
                values[name] = _adapter(model, name).validate_python(data[name])
    if values.get("id") is None:
        return None
    return model.model_construct(**values)


def _emptied(record: Record, names: set[str]) -> Record:
    kind = type(record)
    return record.model_copy(update={n: _empty(kind, n) for n in names if n in kind.model_fields})


def _field(err: Any) -> str | None:
    ctx = err.get("ctx") or {}
    if "field" in ctx:
        return str(ctx["field"])
    parts: list[str] = []
    for part in err["loc"]:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}[{part}]" if parts else f"[{part}]"]
        elif part not in ("function-after[_real_date(), constrained-str]",):
            parts.append(str(part))
    # pydantic names union and annotated branches in loc; keep only real field names.
    parts = [p for p in parts if not p.startswith(("function-", "constrained-", "nullable["))]
    return ".".join(parts) or None


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(err: Any, model: type[BaseModel]) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    got = err.get("input")
    if kind == "missing":
        return "missing; this field is required"
    if kind == "extra_forbidden":
        fields = _fields_at(model, err["loc"])
        return f"unknown field; expected one of {', '.join(fields)}" if fields else "unknown field"
    if kind == "literal_error":
        return f"got {_show(got)}; expected one of {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern == NOT_BLANK:
            return "is only spaces; expected some text"
        if "\\w" in pattern:
            return f"{_show(got)} is not a valid id; expected {ID_HELP}"
        if pattern.startswith("^\\d{4}"):
            return f"got {_show(got)}; expected a date as YYYY, YYYY-MM or YYYY-MM-DD"
        if "[A-Z]{3}" in pattern:
            return f"got {_show(got)}; expected a three-letter currency code such as CNY"
        return f"got {_show(got)}; expected text matching {pattern}"
    if kind in (
        "string_type",
        "int_type",
        "float_type",
        "list_type",
        "bool_type",
        "dict_type",
        "model_type",
        "int_parsing",
        "float_parsing",
        "int_from_float",
    ):
        expected = {
            "string_type": "text",
            "int_type": "a whole number",
            "int_parsing": "a whole number",
            "int_from_float": "a whole number",
            "float_type": "a number",
            "float_parsing": "a number",
            "list_type": "a list",
            "bool_type": "true or false",
            "dict_type": "a table",
            "model_type": "a table of fields",
        }[kind]
        return f"got {type(got).__name__} {_show(got)}; expected {expected}"
    if kind == "string_too_short":
        return "is empty; expected some text"
    if kind == "too_short":
        return f"is empty; expected at least {ctx.get('min_length', 1)} item(s)"
    if kind == "string_too_long":
        return f"is longer than {ctx.get('max_length'):,} characters"
    if kind == "too_long":
        return f"has {ctx.get('actual_length')} items; at most {ctx.get('max_length'):,} are allowed"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"got {_show(got)}; {err['msg'].lower()}"
    if kind == "record_check":
        return str(ctx.get("detail", err["msg"]))
    msg = str(err["msg"])
    return msg.removeprefix("Value error, ")


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed where an unknown field was found."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
