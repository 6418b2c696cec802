"""Lint a Spark DataFrame of drafts (the ``spark`` extra, installed from a clone or a built wheel: docs/scale.md).

:func:`lint_dataframe` adds three columns to a DataFrame with one draft per
row: ``findings`` (an array of structs with the fields of the CLI's JSON
findings), ``metrics`` (a struct, null when the draft could not be read) and
``error`` (a one-line reason, or null). The work runs in an Arrow-backed
pandas UDF (the iterator-of-series form): each Python worker process builds
one :class:`followup_lint.api.Checker` the first time it needs it and keeps it
for the life of the process, so the spaCy pipeline is loaded once per process
and not once per batch or per row. Nothing here assumes a local master: the
same call runs on ``local[N]`` and on a cluster (see docs/scale.md).

A finding in the DataFrame is the same as in ``followup-lint check --format
json`` for the same draft: the same ``code``, positions, ``excerpt``,
``message``, ``suggestions``...

Grammar (LanguageTool) on executors follows the settings shipped from the
driver: with ``languagetool_url`` every worker uses that server; without it,
each worker uses the node's kept server (``followup-lint server start``) or,
when there is none, starts its own local one on first use (a JVM per Python
worker: see docs/scale.md). ``grammar=False`` turns it off.
"""

import atexit
import threading
from pathlib import Path
from typing import Any, Iterator, Optional, Tuple

try:
    import pandas as pd
    from pyspark.sql import Column, DataFrame
    from pyspark.sql import functions as F
    from pyspark.sql import types as T
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("followup_lint.spark needs the spark extra: pip install 'followup-lint[spark]' "
                      f"({exc})") from None

from followup_lint.config import Settings, load_config

__all__ = ["lint_dataframe", "assemble_draft", "FINDING_TYPE", "KIND_TYPE", "METRICS_TYPE", "RESULT_TYPE"]

# a place in the file: 1-based line and column, end exclusive (the JSON's four fields)
SPAN_FIELDS = [T.StructField(name, T.IntegerType(), True) for name in ("line", "column", "end_line", "end_column")]

FINDING_TYPE = T.StructType([
    T.StructField("code", T.StringType(), True),
    T.StructField("rule", T.StringType(), True),
    T.StructField("category", T.StringType(), True),
    T.StructField("severity", T.StringType(), True),
    T.StructField("message", T.StringType(), True),
    *SPAN_FIELDS,
    T.StructField("excerpt", T.StringType(), True),
    T.StructField("suggestions", T.ArrayType(T.StringType(), True), True),
    T.StructField("origin", T.StringType(), True),
    T.StructField("fix", T.StructType([
        T.StructField("applicability", T.StringType(), True),
        T.StructField("message", T.StringType(), True),
        T.StructField("edits", T.ArrayType(T.StructType([
            *SPAN_FIELDS,
            T.StructField("content", T.StringType(), True),
        ]), True), True),
    ]), True),
    T.StructField("score", T.DoubleType(), True),
    T.StructField("tone", T.StringType(), True),
])

# what kind of note a draft is (docs/kinds.md; the JSON's metrics.kind)
KIND_TYPE = T.StructType([
    T.StructField("name", T.StringType(), True),
    T.StructField("confidence", T.DoubleType(), True),
    T.StructField("stated", T.StringType(), True),
    T.StructField("evidence", T.ArrayType(T.StructType([
        T.StructField("place", T.StringType(), True),
        *SPAN_FIELDS,
        T.StructField("excerpt", T.StringType(), True),
    ]), True), True),
])

# the tone model's whole-draft scores (the JSON's metrics.tone)
TONE_TYPE = T.StructType([
    T.StructField("sentences", T.IntegerType(), True),
    T.StructField("hostile", T.DoubleType(), True),
    T.StructField("presumptuous", T.DoubleType(), True),
    T.StructField("desperate", T.DoubleType(), True),
    T.StructField("generic", T.DoubleType(), True),
    T.StructField("tone", T.StringType(), True),
])

METRICS_TYPE = T.StructType([
    T.StructField("words", T.IntegerType(), True),
    T.StructField("sentences", T.IntegerType(), True),
    T.StructField("questions", T.IntegerType(), True),
    T.StructField("flesch_reading_ease", T.DoubleType(), True),
    T.StructField("flesch_kincaid_grade", T.DoubleType(), True),
    T.StructField("longest_sentence", T.IntegerType(), True),
    T.StructField("kind", KIND_TYPE, True),
    T.StructField("tone", TONE_TYPE, True),
])

RESULT_TYPE = T.StructType([
    T.StructField("findings", T.ArrayType(FINDING_TYPE, True), True),
    T.StructField("metrics", METRICS_TYPE, True),
    T.StructField("error", T.StringType(), True),
])

OUTPUT_COLUMNS = ("findings", "metrics", "error")
KINDS = ("text", "markdown", "eml")
_HEADER_ORDER = (("Subject", "subject"), ("To", "to"), ("From", "from"))


# -- building a draft from columns ------------------------------------------------

def assemble_draft(text: Any, subject: Optional[str] = None, to: Optional[str] = None,
                   from_: Optional[str] = None) -> bytes:
    """The draft file one row stands for, as bytes.

    With no header value this is ``text`` itself (a ``str`` is UTF-8 encoded,
    ``bytes`` are kept as they are, None is empty). With headers it is the
    plain-text draft format the CLI reads: one ``Name: value`` line for each
    given header (Subject, To, From, in that order; line breaks in a value
    become spaces), a blank line, then the text. Positions in the findings
    count those lines: with two headers, line 1 of ``text`` is line 3.
    """
    if text is None:
        body = b""
    elif isinstance(text, (bytes, bytearray, memoryview)):
        body = bytes(text)
    else:
        body = str(text).encode("utf-8")
    lines = []
    for name, value in zip(("Subject", "To", "From"), (subject, to, from_)):
        if value is None:
            continue
        value = " ".join(str(value).split())
        lines.append(f"{name}: {value}\n")
    if not lines:
        return body
    return ("".join(lines) + "\n").encode("utf-8") + body


def _kind_for(kind: Optional[str], path: Optional[str]) -> Optional[str]:
    """The draft kind for a row: the given one, else from the path's suffix
    as the CLI does (.eml, .md/.markdown), else None (guessed from content)."""
    if kind:
        return kind
    if path:
        suffix = Path(str(path).rstrip("/")).suffix.lower()
        if suffix == ".eml":
            return "eml"
        if suffix in (".md", ".markdown"):
            return "markdown"
    return None


# -- the per-process checker ----------------------------------------------------------

_CHECKERS: dict = {}
_LOCK = threading.Lock()


def _checker(settings: Settings):
    """The Checker for ``settings`` in this process, made on first use."""
    key = repr(settings)
    checker = _CHECKERS.get(key)
    if checker is None:
        with _LOCK:
            checker = _CHECKERS.get(key)
            if checker is None:
                from followup_lint.api import Checker

                checker = Checker(settings)
                _CHECKERS[key] = checker
                atexit.register(checker.close)
    return checker


def _none(value: Any) -> Any:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _lint_batch(settings: Settings, texts, subjects, tos, froms, paths, kinds) -> pd.DataFrame:
    """Lint one Arrow batch; one output row per input row, in order."""
    from followup_lint.finding import FileResult

    checker = _checker(settings)
    items = []
    refused: dict[int, FileResult] = {}
    for i, (text, subject, to, from_, path, kind) in enumerate(zip(texts, subjects, tos, froms, paths, kinds)):
        path = _none(path)
        name = str(path) if path is not None else "<row>"
        headers = [_none(v) for v in (subject, to, from_)]
        kind = _kind_for(_none(kind), path)
        if kind == "eml" and any(v is not None for v in headers):
            refused[i] = FileResult(name, error=f"{name}: a whole message (.eml) carries its own headers; "
                                                "subject/to/from columns cannot be added to it")
            continue
        items.append((assemble_draft(_none(text), *headers), name, kind))
    results = checker.check_many(items)
    for i in sorted(refused):
        results.insert(i, refused[i])
    rows = []
    for result in results:
        entry = result.to_dict()  # the JSON output's file entry, without its path
        # a row is one draft: the batch's thread (which drafts answer which) is not a column
        rows.append({"findings": entry["findings"], "metrics": entry["metrics"], "error": entry["error"]})
    return pd.DataFrame(rows, columns=list(OUTPUT_COLUMNS))


def _run(settings: Settings, batches: Iterator[Tuple[pd.Series, ...]]) -> Iterator[pd.DataFrame]:
    for texts, subjects, tos, froms, paths, kinds in batches:
        yield _lint_batch(settings, texts, subjects, tos, froms, paths, kinds)


def _make_udf(settings: Settings):
    def lint_udf(batches: Iterator[Tuple[pd.Series, pd.Series, pd.Series, pd.Series, pd.Series, pd.Series]]
                 ) -> Iterator[pd.DataFrame]:
        # Looked up through the module on the executor, so the cache of
        # checkers is that process's module global, kept between tasks.
        from followup_lint import spark as module

        return module._run(settings, batches)

    return F.pandas_udf(lint_udf, RESULT_TYPE)


# -- the public function ------------------------------------------------------------

def _settings(config: Any, overrides: dict) -> Settings:
    from followup_lint.finding import Severity

    overrides = dict(overrides)
    if isinstance(overrides.get("fail_on"), str):
        overrides["fail_on"] = Severity.parse(overrides["fail_on"])
    for key in ("select", "ignore"):
        if overrides.get(key) is not None:
            value = overrides[key]
            overrides[key] = (value,) if isinstance(value, str) else tuple(value)
    unknown = set(overrides) - set(Settings.__dataclass_fields__) - {"source"}
    if unknown:
        raise TypeError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    if config is None:
        base = Settings()
    elif isinstance(config, Settings):
        base = config
    else:
        base = load_config(Path(config))
    return base.with_overrides(**overrides)


def _column(df: DataFrame, name: Optional[str]) -> Column:
    if name is None:
        return F.lit(None).cast("string")
    if name not in df.columns:
        raise ValueError(f"no column {name!r} in the DataFrame (columns: {', '.join(df.columns)})")
    return F.col(name)


def lint_dataframe(df: DataFrame, text_col: str = "text", subject_col: Optional[str] = None,
                   to_col: Optional[str] = None, from_col: Optional[str] = None, *,
                   path_col: Optional[str] = None, kind: Optional[str] = None,
                   config: Any = None, **settings: Any) -> DataFrame:
    """``df`` with ``findings``, ``metrics`` and ``error`` columns added.

    ``text_col`` holds the draft: a string, or binary for raw files (e.g. the
    ``content`` of ``spark.read.format("binaryFile")``, which keeps an .eml's
    bytes exactly). ``subject_col``, ``to_col`` and ``from_col`` are optional
    header columns, written above the text as the CLI's plain-text header
    lines (see :func:`assemble_draft`). ``path_col`` names each draft in error
    messages and, when ``kind`` is not given, picks the kind from the suffix
    as the CLI does. ``kind`` is ``"text"``, ``"markdown"``, ``"eml"`` or None
    (guess from the content).

    ``config`` is a :class:`~followup_lint.config.Settings`, a path to a
    config file (read here, on the driver, so executors need not have it) or
    None for the defaults; keyword settings win over it, as in
    :class:`~followup_lint.api.Checker`: ``select``, ``ignore``, ``fail_on``,
    ``model``, ``grammar``, ``require_grammar``, ``languagetool_url``,
    ``languagetool_dir``, ``language``.

    Nothing runs until an action (``collect``, ``write``...). Each row is
    linted once per evaluation of the result; cache or write it if you use it
    more than once.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)} or None, not {kind!r}")
    if kind == "eml" and any(c is not None for c in (subject_col, to_col, from_col)):
        raise ValueError("subject/to/from columns cannot be combined with kind='eml' "
                         "(a whole message carries its own headers)")
    clash = [c for c in OUTPUT_COLUMNS if c in df.columns]
    if clash:
        raise ValueError(f"the DataFrame already has column(s) {', '.join(clash)}; rename them first")
    resolved = _settings(config, settings)
    udf = _make_udf(resolved)
    args = [_column(df, text_col), _column(df, subject_col), _column(df, to_col), _column(df, from_col),
            _column(df, path_col), F.lit(kind).cast("string")]
    tmp = "__followup_lint_result"
    while tmp in df.columns:
        tmp += "_"
    out = df.withColumn(tmp, udf(*args))
    return out.select(*[F.col(f"`{c}`") for c in df.columns],
                      *[F.col(tmp)[c].alias(c) for c in OUTPUT_COLUMNS])
