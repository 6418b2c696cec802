"""LanguageTool's answers kept per paragraph (followup_lint/grammar/paragraphs.py):
a real LanguageTool, real requests counted; the answers must equal one
request for the whole text."""

from __future__ import annotations

import json
import stat
import subprocess

import pytest

from followup_lint.grammar import Grammar
from followup_lint.grammar import paragraphs as P
from followup_lint.grammar.server import LT_VERSION, jar_dir, java_executable
from conftest import FIXTURES

# text-level rules across paragraphs: an unpaired quote opened in one and
# closed in another, "e-mail" and "email", three sentences starting alike
CROSSING = (
    "Dear Ms. Rivera,\n\n"
    "Thank you for the e-mail about the \"next steps. I read it twice.\n\n"
    "I liked the team. I liked the office. I liked the plan.\" I sent the email on Monday.\n\n"
    "I am looking forward to hearing from you.  Their is one more thing: the the portfolio.\n\n"
    "Best regards,\nSam Okafor\n"
)


def _texts() -> list[str]:
    from followup_lint.draft import parse_bytes
    from followup_lint.grammar.email import unwrap

    out = [CROSSING, CROSSING.replace("\n", "\r\n")]
    for path in sorted((FIXTURES / "drafts").glob("*")) + sorted((FIXTURES / "rules").glob("L*.bad.txt")):
        if path.suffix in (".txt", ".eml", ".md"):
            out.append(unwrap(parse_bytes(path.read_bytes(), str(path)).text.text))
    return out


def _plain(matches) -> list[tuple]:
    return sorted((m.start, m.end, m.rule_id, m.code, m.message, m.replacements) for m in matches)


@pytest.fixture()
def store(tmp_path):
    s = P.ParagraphStore(tmp_path / "cache")
    yield s
    s.close()


def test_split_gives_the_text_back_and_cuts_only_at_blank_lines():
    text = "A b.\nc d.\n\n\n  E f.\n \nG.\n\nH"
    parts = P.split(text)
    assert "".join(c for _, c in parts) == text
    assert [c for _, c in parts] == ["A b.\nc d.\n\n\n  ", "E f.\n \nG.\n\n", "H"]
    assert all(text[o:o + len(c)] == c for o, c in parts)
    assert P.split("") == [(0, "")]
    # CRLF: "\r\n\r\n" ends a paragraph (LanguageTool's StringTools.isParagraphEnd); a line of spaces does not
    crlf = "A b.\r\nc d.\r\n\r\nE f.\r\n \r\nG.\r\n\r\n"
    assert [c for _, c in P.split(crlf)] == ["A b.\r\nc d.\r\n\r\n", "E f.\r\n \r\nG.\r\n\r\n"]


def test_same_matches_as_one_request_first_and_after_an_edit(store):
    plain, cached = Grammar(), Grammar(paragraphs=store)
    try:
        for text in _texts():
            assert _plain(cached.check(text)) == _plain(plain.check(text)), text[:60]
        # each text once more with its middle paragraph changed
        for text in _texts():
            parts = P.split(text)
            if len(parts) < 3:
                continue
            mid = len(parts) // 2
            off, chunk = parts[mid]
            edited = text[:off] + "Their was a problem with teh schedule. " + chunk + text[off + len(chunk):]
            assert _plain(cached.check(edited)) == _plain(plain.check(edited)), edited[:60]
    finally:
        plain.close()
        cached.close()
    # the crossing text really has text-level matches across paragraphs
    found = {m.rule_id for m in Grammar().check(CROSSING)}
    assert {"EN_UNPAIRED_QUOTES", "ENGLISH_WORD_REPEAT_BEGINNING_RULE"} & found


def test_a_new_text_is_one_request_and_an_edit_sends_only_what_is_not_kept(store):
    grammar = Grammar(paragraphs=store)
    try:
        first = grammar.check(CROSSING)
        # none of its paragraphs held: one request with all rules
        assert (store.requests, store.sent_chars, store.sent_paragraphs) == (1, len(CROSSING), 5)
        again = grammar.check(CROSSING)
        assert _plain(again) == _plain(first)
        assert store.requests == 1 and store.reused_paragraphs == 5  # nothing sent
        parts = P.split(CROSSING)
        # paragraphs a text-level match touches were not kept (LanguageTool may
        # have dropped one of their matches for it): here the 3rd and 4th
        level = [m for m in first if m.rule_id in P.text_level(LT_VERSION, "en-US")]
        touched = {i for i, (o, c) in enumerate(parts) if any(o <= m.start < o + len(c) for m in level)}
        assert touched == {2, 3}
        off, chunk = parts[3]
        new = "I am looking forward to hearing from you. Their is one more thing.\n\n"
        edited = CROSSING[:off] + new + CROSSING[off + len(chunk):]
        before = store.requests
        assert _plain(grammar.check(edited)) == _plain(Grammar().check(edited))
        # the changed paragraph and the one not kept with all rules, the whole
        # text with the text-level rules only (a third, full request if they overlap)
        full = store.requests - before - 2
        assert full in (0, 1)
        assert store.sent_paragraphs == 5 + 2
        assert store.sent_chars == len(CROSSING) + len(parts[2][1]) + len(new) + (1 + full) * len(edited)
        grammar.check(edited)
        assert store.requests == before + 2 + full
    finally:
        grammar.close()


def test_paragraphs_kept_from_one_request_equal_their_own_requests(tmp_path):
    """What a first sight keeps per paragraph is what the paragraph alone
    gets from LanguageTool with the text-level rules off, on every fixture
    text (each checked with an empty store)."""
    import urllib.parse

    import language_tool_python

    grammar = Grammar()
    tool = grammar.client()
    base = P.key_base(LT_VERSION, jar_dir(), "en-US", tool._create_params(""), 5)
    off = ",".join(sorted({*tool.disabled_rules, *P.text_level(LT_VERSION, "en-US")}))
    endpoint = urllib.parse.urljoin(tool.url, "check")
    kept = matched = 0
    try:
        for i, text in enumerate(_texts()):
            store = grammar.paragraphs = P.ParagraphStore(tmp_path / str(i))
            grammar.check(text)
            assert store.requests == 1
            for _, chunk in P.split(text):
                held = store.get_many([P._key(base, "p", chunk)]) if chunk.strip() else {}
                if not held:
                    continue
                answer = tool._query_server(endpoint, {**tool._create_params(chunk), "disabledRules": off},
                                            method="post")
                alone = [P.raw_of(language_tool_python.Match(m, chunk), 5) for m in answer["matches"]]
                assert sorted(next(iter(held.values()))) == sorted(alone), chunk[:60]
                kept += 1
                matched += len(alone)
            store.close()
    finally:
        grammar.close()
    assert kept > 30 and matched > 10


def test_a_new_store_on_the_same_file_reuses_and_a_language_change_does_not(tmp_path):
    one = P.ParagraphStore(tmp_path / "c")
    g = Grammar(paragraphs=one)
    us = _plain(g.check(CROSSING))
    g.close()
    one.close()
    two = P.ParagraphStore(tmp_path / "c")  # another run: same file
    g = Grammar(paragraphs=two)
    try:
        assert _plain(g.check(CROSSING)) == us and two.requests == 0
        gb = g.check(CROSSING, language="en-GB")
        assert two.requests == 1 and two.sent_paragraphs == 5  # nothing held for en-GB: one request
        assert _plain(gb) == _plain(Grammar().check(CROSSING, language="en-GB"))
    finally:
        g.close()
        two.close()


def test_the_key_holds_version_jars_language_settings_and_day(tmp_path, monkeypatch):
    jars = jar_dir()
    params = {"language": "en-US", "disabledRules": "REP_THANK_YOU_FOR"}
    base = P.key_base(LT_VERSION, jars, "en-US", params, 5)
    assert base == P.key_base(LT_VERSION, jars, "en-US", dict(params, text="ignored"), 5)
    others = [P.key_base("6.5", jars, "en-US", params, 5), P.key_base(LT_VERSION, tmp_path, "en-US", params, 5),
              P.key_base(LT_VERSION, jars, "en-GB", params, 5),
              P.key_base(LT_VERSION, jars, "en-US", dict(params, level="picky"), 5),
              P.key_base(LT_VERSION, jars, "en-US", dict(params, disabledRules=""), 5),
              P.key_base(LT_VERSION, jars, "en-US", params, 3)]
    settings = tmp_path / "lt.properties"
    settings.write_text("languageModel=/somewhere/ngrams\n")
    monkeypatch.setenv("FOLLOWUP_LINT_LANGUAGETOOL_CONFIG", str(settings))
    others.append(P.key_base(LT_VERSION, jars, "en-US", params, 5))
    monkeypatch.delenv("FOLLOWUP_LINT_LANGUAGETOOL_CONFIG")
    monkeypatch.setattr(P.time, "strftime", lambda fmt: "2030-01-01")
    others.append(P.key_base(LT_VERSION, jars, "en-US", params, 5))
    assert len({base, *others}) == len(others) + 1
    assert P.text_level("6.5", "en-US") is None and P.text_level(LT_VERSION, "de-DE") is None


def test_a_configured_url_is_not_cached(store, languagetool):
    grammar = Grammar(paragraphs=store)
    try:
        grammar.check(CROSSING, url=languagetool.url)
        assert store.requests == 0  # sent as before, one request per text, nothing kept
    finally:
        grammar.close()
    assert not store.path.exists() or not P.ParagraphStore(store.directory).get_many(["x"])


def test_the_store_is_private(store):
    grammar = Grammar(paragraphs=store)
    try:
        grammar.check(CROSSING)
    finally:
        grammar.close()
    assert stat.S_IMODE(store.directory.stat().st_mode) == 0o700
    for name in ("results.sqlite3", "results.sqlite3-wal", "results.sqlite3-shm"):
        path = store.directory / name
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, name


def test_accepted_words_apply_after_the_cache(store, tmp_path):
    """A word added to or removed from the accepted words changes L101 at once,
    with nothing asked again (the cache holds LanguageTool's answer before the
    words are applied)."""
    from followup_lint.config import Settings
    from followup_lint.draft import parse_bytes
    from followup_lint.engine import Linter

    text = b"Dear Dana,\n\nI enjoyed our talk about the zorbleflux pipeline.\n\nBest regards,\nSam\n"
    draft = parse_bytes(text, "d.txt")

    def l101(words) -> list:
        with Linter(paragraphs=store) as linter:
            settings = Settings(select=("L101",), words=tuple(words))
            (result,) = linter.lint_drafts([(draft, settings)])
        return [(f.line, f.column, f.excerpt) for f in result.findings]

    assert l101(()) == [(3, 30, "zorbleflux")]
    sent = store.requests
    assert l101(("zorbleflux",)) == []
    assert l101(()) == [(3, 30, "zorbleflux")]
    assert store.requests == sent


def test_batch_recheck_sends_only_the_edited_paragraph_and_equals_no_cache(tmp_path):
    """`check` of a folder, one paragraph of one draft edited, `check` again:
    the same JSON as a --no-cache run, and only that paragraph (plus the
    text-level request of that draft) went to LanguageTool."""
    from conftest import run_cli

    folder = tmp_path / "drafts"
    folder.mkdir()
    for i, path in enumerate(sorted((FIXTURES / "drafts").glob("*.txt"))[:6]):
        (folder / f"{i}.txt").write_bytes(path.read_bytes())
    cache = tmp_path / "cache"
    env = {"FOLLOWUP_LINT_CACHE_DIR": str(cache), "FOLLOWUP_LINT_WARM": "0"}
    first = run_cli("check", "--format", "json", "--jobs", "1", str(folder), env=env)
    assert first.returncode in (0, 1), first.stderr
    store = P.ParagraphStore(cache)
    db = store._conn()
    assert db is not None
    (stored,) = db.execute("SELECT COUNT(*) FROM paragraphs").fetchone()
    assert stored > 6
    target = folder / "2.txt"
    text = target.read_text()
    target.write_text(text.replace("\n\n", "\n\nTheir was one more thing I wanted to say.\n\n", 1))
    again = run_cli("check", "--format", "json", "--jobs", "1", str(folder), env=env)
    fresh = run_cli("check", "--format", "json", "--jobs", "1", "--no-cache", str(folder), env=env)
    assert json.loads(again.stdout)["files"] == json.loads(fresh.stdout)["files"]
    (after,) = db.execute("SELECT COUNT(*) FROM paragraphs").fetchone()
    # the edited paragraph and the edited draft's text-level answer (and its
    # full answer if the two overlap)
    assert after - stored in (2, 3)
    store.close()


def test_text_level_rules_are_languagetool_s(tmp_path):
    """TEXT_LEVEL is what the installed LanguageTool says: every active
    TextLevelRule for each English variant."""
    source = tmp_path / "TextLevel.java"
    source.write_text(
        "import org.languagetool.*; import org.languagetool.rules.*; import java.util.*;\n"
        "public class TextLevel { public static void main(String[] a) throws Exception {\n"
        "  for (String code : a) { JLanguageTool lt = new JLanguageTool(Languages.getLanguageForShortCode(code));\n"
        "    List<String> ids = new ArrayList<>();\n"
        "    for (Rule r : lt.getAllActiveRules()) if (r instanceof TextLevelRule) ids.add(r.getId());\n"
        "    Collections.sort(ids); System.out.println(code + \"\\t\" + String.join(\",\", ids)); } } }\n")
    variants = ["en-US", "en-GB", "en-CA", "en-AU", "en-NZ", "en-ZA"]
    done = subprocess.run([java_executable(), "-Xmx512m", "-cp", str(jar_dir() / "*"), str(source), *variants],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line.split("\t") for line in done.stdout.splitlines() if "\t" in line]
    assert [code for code, _ in lines] == variants
    for code, ids in lines:
        assert frozenset(ids.split(",")) == P.text_level(LT_VERSION, code), code
