"""The Python API: lint follow-up emails from your own code.

One :class:`Checker` holds the heavy parts (the spaCy pipeline, the
LanguageTool connection) and can be kept for the life of a web service or a
worker. Every method returns :class:`~followup_lint.finding.FileResult`
objects, whose ``to_dict()`` is exactly an entry of the CLI's JSON output::

    from followup_lint.api import Checker

    with Checker(grammar=False) as checker:
        result = checker.check_text("Hi Dana,\\n\\nThanks for nothing.\\n\\nBest,\\nSam")
        for f in result.findings:
            print(f.code, f.line, f.column, f.message)

See docs/api.md.
"""

from __future__ import annotations

import email
import email.policy
from email.message import Message
from pathlib import Path
from typing import Iterable, Union

from followup_lint.config import ConfigResolver, Settings, load_config
from followup_lint.draft import Draft, parse_bytes
from followup_lint.errors import InputError
from followup_lint.sources import read_path
from followup_lint.engine import Linter, exit_code
from followup_lint.finding import FileResult
from followup_lint.finding import CATEGORIES, Finding, Severity

__all__ = ["Checker", "FileResult", "Finding", "Severity", "Settings", "CATEGORIES", "report"]

Source = Union[str, Path, Message, bytes]


class Checker:
    """A reusable linter.

    ``config`` is a :class:`Settings`, a path to a config file, or None: then
    each file's nearest config is used (as the CLI does) and texts use the
    defaults. Keyword overrides win over the config, like CLI flags:
    ``select``, ``ignore`` (sequences of codes/prefixes/names), ``fail_on``
    (``"error"``/``"warning"``/``"info"`` or a Severity), ``model``,
    ``grammar`` (bool), ``languagetool_url``, ``language``.
    """

    def __init__(self, config: Settings | str | Path | None = None, **overrides):
        if "fail_on" in overrides and isinstance(overrides["fail_on"], str):
            overrides["fail_on"] = Severity.parse(overrides["fail_on"])
        for key in ("select", "ignore"):
            if key in overrides and overrides[key] is not None:
                overrides[key] = tuple(overrides[key])
        unknown = set(overrides) - set(Settings.__dataclass_fields__) - {"source"}
        if unknown:
            raise TypeError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        self._fixed: Settings | None = None
        if isinstance(config, Settings):
            self._fixed = config.with_overrides(**overrides)
            self._resolver = ConfigResolver(None, overrides)
        else:
            explicit = Path(config) if config is not None else None
            self._resolver = ConfigResolver(explicit, overrides)
            if explicit is not None:
                self._fixed = self._resolver.for_path(str(explicit))
        base = self._fixed or Settings().with_overrides(**overrides)
        self._linter = Linter(model=base.model)

    # -- lifecycle ----------------------------------------------------------
    def close(self) -> None:
        """Stop a LanguageTool server this checker started."""
        self._linter.close()

    def __enter__(self) -> "Checker":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- settings -------------------------------------------------------------
    def settings_for(self, path: str | None) -> Settings:
        if self._fixed is not None:
            return self._fixed
        if path is None or path.startswith("<"):
            return Settings().with_overrides(**self._resolver.overrides)
        return self._resolver.for_path(path)

    # -- checking -------------------------------------------------------------
    def check_text(self, text: str, *, path: str = "<text>", kind: str | None = "text") -> FileResult:
        """Lint a draft given as a string (``kind="eml"`` for a whole message)."""
        return self.check_many([(text, path, kind)])[0]

    def check_file(self, path: str | Path) -> FileResult:
        """Lint a draft file (.txt, .md, .eml)."""
        return self.check_many([Path(path)])[0]

    def check_message(self, message: Message, *, path: str = "<message>") -> FileResult:
        """Lint an :class:`email.message.Message` (e.g. from :mod:`mailbox`)."""
        return self.check_many([(message, path, "eml")])[0]

    def check_many(self, items: Iterable[Source | tuple]) -> list[FileResult]:
        """Lint many drafts in one pass (one ``nlp.pipe``). Items are paths,
        message objects, or ``(text_or_bytes_or_message, path, kind)`` tuples.
        Results come back in the order given; a draft that cannot be read
        gives a result with ``error`` set instead of raising."""
        prepared: list[tuple[Draft, Settings] | FileResult] = []
        for item in items:
            path = str(item) if isinstance(item, (str, Path)) else "<text>"
            try:
                settings = self.settings_for(path)
                draft, path = self._draft(item, settings.max_file_size)
            except InputError as exc:
                prepared.append(FileResult(path, error=str(exc)))
                continue
            prepared.append((draft, settings))
        return self._linter.lint_prepared(prepared)

    def _draft(self, item, max_size: int | None = None) -> tuple[Draft, str]:
        if isinstance(item, Path):
            return read_path(str(item), max_size), str(item)
        if isinstance(item, Message):
            return parse_bytes(item.as_bytes(policy=email.policy.default.clone(linesep="\n")), "<message>",
                               kind="eml"), "<message>"
        if isinstance(item, tuple):
            content, path, kind = (tuple(item) + (None, None))[:3]
            path = path or "<text>"
            if isinstance(content, Message):
                raw = content.as_bytes(policy=email.policy.default.clone(linesep="\n"))
            elif isinstance(content, str):
                raw = content.encode("utf-8")
            else:
                raw = bytes(content)
            return parse_bytes(raw, path, kind=kind), path
        if isinstance(item, str):
            return read_path(item, max_size), item
        raise TypeError(f"cannot lint a {type(item).__name__}")


def report(results: list[FileResult], tool_info: dict | None = None) -> dict:
    """The CLI's whole JSON document (schema version "1") for ``results``."""
    from followup_lint.output.jsonfmt import document

    return document(results, exit_code(results), tool_info)


def load_settings(path: str | Path) -> Settings:
    """Settings from a config file (.followup-lint.toml or pyproject.toml)."""
    return load_config(Path(path))


