"""The Spark integration on a real local[2] SparkSession over real drafts.

What the DataFrame says about a draft must be what ``followup-lint check
--format json`` says about the same draft: every field of every finding, the
metrics and the error. Needs the spark extra (``make test-spark`` installs it);
without pyspark these tests are skipped with that reason.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="the spark extra is not installed (make test-spark installs it)")
pytest.importorskip("pyarrow", reason="the spark extra is not installed (make test-spark installs it)")

from conftest import FIXTURES, run_cli  # noqa: E402

DRAFTS = sorted((FIXTURES / "drafts").iterdir())


@pytest.fixture(scope="session")
def spark(languagetool, tmp_path_factory):
    """One local[2] session for the module: workers run this interpreter,
    everything bound to the loopback interface, no UI."""
    from pyspark.sql import SparkSession

    saved = {k: os.environ.get(k) for k in ("PYSPARK_PYTHON", "SPARK_LOCAL_IP")}
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    session = (SparkSession.builder.master("local[2]").appName("followup-lint-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.local.dir", str(tmp_path_factory.mktemp("spark-local")))
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def cli_entries(paths, *flags) -> dict[str, dict]:
    proc = run_cli("check", "--format", "json", "--no-cache", *flags, *map(str, paths))
    assert proc.returncode in (0, 1, 2), proc.stderr.decode()
    out = {}
    for entry in json.loads(proc.stdout)["files"]:
        # a Spark row is one draft: the batch's thread is not a column (docs/scale.md)
        entry.pop("thread", None)
        out[entry["path"]] = entry
    return out


def spark_entries(rows) -> dict[str, dict]:
    out = {}
    for row in rows:
        out[row["path"]] = {
            "path": row["path"],
            "metrics": row["metrics"].asDict(recursive=True) if row["metrics"] is not None else None,
            "findings": [f.asDict(recursive=True) for f in row["findings"]],
            "error": row["error"],
        }
    return out


def test_files_as_bytes_equal_the_cli_json(spark):
    """The fixture drafts as raw bytes (as spark.read.format("binaryFile")
    gives them; the .eml ones stay byte-exact): findings, metrics and errors
    equal the CLI's JSON entries for the same files."""
    from followup_lint.spark import lint_dataframe

    rows = [(str(p), p.read_bytes()) for p in DRAFTS]
    df = spark.createDataFrame(rows, "path string, content binary").repartition(2)
    out = lint_dataframe(df, text_col="content", path_col="path", grammar=False)
    assert out.columns == ["path", "content", "findings", "metrics", "error"]
    got = spark_entries(out.collect())
    expected = cli_entries([p for p, _ in rows], "--no-grammar")
    assert set(got) == set(expected)
    for path, entry in expected.items():
        assert got[path] == entry, path
    # the drafts do give findings of several families, so the comparison bites
    families = {f["code"][0] for e in got.values() for f in e["findings"]}
    assert {"G", "S", "W"} <= families


def test_binary_file_source_as_in_docs(spark):
    """The route docs/scale.md shows: spark.read.format("binaryFile") of a
    folder, path and content columns as Spark gives them (file: URIs)."""
    from followup_lint.spark import lint_dataframe

    files = spark.read.format("binaryFile").load(str(FIXTURES / "drafts"))
    rows = lint_dataframe(files, text_col="content", path_col="path", grammar=False).collect()
    got = {Path(path).name: entry for path, entry in spark_entries(rows).items()}
    expected = cli_entries(DRAFTS, "--no-grammar")
    assert set(got) == {p.name for p in DRAFTS}
    for path, entry in expected.items():
        name = Path(path).name
        assert got[name]["path"].startswith("file:") and got[name]["path"].endswith(name)
        assert {k: v for k, v in got[name].items() if k != "path"} == \
            {k: v for k, v in entry.items() if k != "path"}, name


def test_header_columns_equal_the_cli_on_the_assembled_draft(spark, tmp_path):
    """Text, subject, to and from columns: the findings are the CLI's for the
    plain-text draft those columns make (header lines above the text), so
    positions count the header lines; a null or empty text is an error row
    with the CLI's message, and the other rows are unaffected."""
    from followup_lint.spark import assemble_draft, lint_dataframe

    rows = []
    for p in DRAFTS:
        if p.suffix != ".txt":
            continue
        head, _, body = p.read_text(encoding="utf-8").partition("\n\n")
        assert head.startswith("Subject: ")
        rows.append((str(tmp_path / p.name), body, head[len("Subject: "):], "Dana Reyes <dana@example.com>",
                     "Sam Lee <sam@example.org>"))
    rows.append((str(tmp_path / "no-subject.txt"), "Hi Dana,\n\nThank you for the [Role] interview.\n\nSam",
                 None, None, None))
    rows.append((str(tmp_path / "empty.txt"), "", None, None, None))
    rows.append((str(tmp_path / "null.txt"), None, None, None, None))
    for path, text, subject, to, from_ in rows:
        Path(path).write_bytes(assemble_draft(text, subject, to, from_))

    df = spark.createDataFrame(rows, "path string, body string, subject string, recipient string, sender string")
    out = lint_dataframe(df, "body", subject_col="subject", to_col="recipient", from_col="sender",
                         path_col="path", grammar=False)
    got = spark_entries(out.collect())
    expected = cli_entries([r[0] for r in rows], "--no-grammar")
    assert got == expected
    assert got[str(tmp_path / "empty.txt")]["error"].endswith("is empty, nothing to check")
    assert got[str(tmp_path / "null.txt")]["error"].endswith("is empty, nothing to check")
    # the subject's placeholder is found in the subject line (line 1)
    g101 = [f for f in got[str(tmp_path / "02-template-unfilled.txt")]["findings"] if f["code"] == "G101"]
    assert g101 and g101[0]["line"] == 1 and g101[0]["excerpt"] == "[Position]"

    # a whole message cannot take header columns: that row is an error, the others are linted
    df = spark.createDataFrame([("m.eml", "From: a@example.org\nMIME-Version: 1.0\n\nHi", "Hello"),
                                ("n.txt", "Hi Dana,\n\nThank you for the [Role] interview.\n\nSam", "Hello")],
                               "path string, body string, subject string")
    m, n = lint_dataframe(df, "body", subject_col="subject", path_col="path", grammar=False).orderBy("path").collect()
    assert m["error"].startswith("m.eml: a whole message (.eml) carries its own headers")
    assert m["findings"] == [] and m["metrics"] is None
    assert n["error"] is None and "G101" in {f["code"] for f in n["findings"]}


def test_settings_and_config_file_reach_the_executors(spark, tmp_path):
    """A config file read on the driver and keyword settings on top of it
    decide what the workers report, as the same config does for the CLI."""
    from followup_lint.spark import lint_dataframe

    config = tmp_path / ".followup-lint.toml"
    config.write_text('select = ["G", "W"]\nignore = ["G101"]\ngrammar = false\n', encoding="utf-8")
    paths = [str(p) for p in DRAFTS]
    df = spark.createDataFrame([(p, Path(p).read_bytes()) for p in paths], "path string, content binary")
    got = spark_entries(lint_dataframe(df, "content", path_col="path", config=config).collect())
    assert got == cli_entries(paths, "--config", str(config))
    codes = {f["code"] for e in got.values() for f in e["findings"]}
    assert codes and all(c[0] in "GW" for c in codes) and "G101" not in codes

    narrowed = spark_entries(lint_dataframe(df, "content", path_col="path", config=config,
                                            select=["W"]).collect())
    assert narrowed == cli_entries(paths, "--config", str(config), "--select", "W")


def test_grammar_on_through_a_shared_languagetool_url(spark, languagetool):
    """Grammar on: each worker uses the LanguageTool at languagetool_url
    (here the test session's server); L findings equal the CLI's with the
    same URL."""
    from followup_lint.spark import lint_dataframe

    paths = [str(p) for p in DRAFTS]
    df = spark.createDataFrame([(p, Path(p).read_bytes()) for p in paths], "path string, content binary")
    out = lint_dataframe(df, "content", path_col="path", languagetool_url=languagetool.url, require_grammar=True)
    got = spark_entries(out.collect())
    expected = cli_entries(paths, "--languagetool-url", languagetool.url, "--require-grammar")
    assert got == expected
    assert any(f["origin"].startswith("languagetool:") for e in got.values() for f in e["findings"])


def test_grammar_on_through_the_nodes_kept_server(spark, languagetool):
    """Grammar on with no URL: the workers find the node's kept LanguageTool
    (the test session's server, recorded in the state file they inherit
    through FOLLOWUP_LINT_STATE_DIR) instead of starting their own."""
    from followup_lint.grammar.server import read_state
    from followup_lint.spark import lint_dataframe

    assert read_state() is not None and read_state().port == languagetool.port
    paths = [str(p) for p in DRAFTS]
    df = spark.createDataFrame([(p, Path(p).read_bytes()) for p in paths], "path string, content binary")
    got = spark_entries(lint_dataframe(df, "content", path_col="path", require_grammar=True).collect())
    assert got == cli_entries(paths, "--require-grammar")
    assert any(f["origin"].startswith("languagetool:") for e in got.values() for f in e["findings"])


def test_bad_arguments_fail_on_the_driver(spark):
    from followup_lint.spark import lint_dataframe

    df = spark.createDataFrame([("Hi", "x")], "text string, findings string")
    with pytest.raises(ValueError, match="already has column"):
        lint_dataframe(df)
    df = spark.createDataFrame([("Hi",)], "text string")
    with pytest.raises(ValueError, match="no column 'subject'"):
        lint_dataframe(df, subject_col="subject")
    with pytest.raises(ValueError, match="kind"):
        lint_dataframe(df, kind="pdf")
    with pytest.raises(TypeError, match="unknown setting"):
        lint_dataframe(df, colour=True)
