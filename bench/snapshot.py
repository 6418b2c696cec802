"""Record or compare the JSON output of a fixed set of drafts (a behaviour snapshot).

    python bench/snapshot.py record DIR     # write DIR/grammar-on.json, DIR/grammar-off.json
    python bench/snapshot.py compare DIR    # run again and list every difference from DIR

The set is every draft under fixtures/ (not the .expected files) and the first
300 drafts of bench/corpus.py (seed 6). Each run is `followup-lint check
--format json --no-cache`, once with grammar (LanguageTool) and once with
--no-grammar. Used to show that a refactor changes no finding: compare exits 1
and prints one line per added or removed finding (or changed metrics/error)
when the output differs. It runs the package of the checkout it is in, so
a snapshot of a commit can run in a scratch worktree while you keep editing:

    git worktree add /tmp/snap HEAD && python /tmp/snap/bench/snapshot.py compare DIR
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402

COUNT = 300
MODES = {"grammar-off": ["--no-grammar"], "grammar-on": []}


def _inputs() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "fixtures").rglob("*")
                  if p.is_file() and p.suffix != ".expected")


def _run(extra: list[str], drafts: Path) -> dict | None:
    cmd = [sys.executable, "-m", "followup_lint", "check", "--format", "json", "--no-cache",
           "-q", *extra, *_inputs(), str(drafts)]
    # this checkout's package, even when another one is pip-installed (-e)
    # a loaded machine is slow, not wrong: a long LanguageTool time limit
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FOLLOWUP_LINT_LANGUAGETOOL_TIMEOUT": "900"}
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if out.returncode not in (0, 1, 2) or not out.stdout.strip():
        sys.exit(f"snapshot: followup-lint failed ({out.returncode}): {out.stderr.strip()[-2000:]}")
    if "grammar checks skipped" in out.stderr:  # LanguageTool timed out (a loaded machine): not a result
        print(f"snapshot: LanguageTool failed during the run; not compared: {out.stderr.strip()[-300:]}")
        return None
    doc = json.loads(out.stdout)
    files = {}
    for entry in doc["files"]:
        path = entry["path"].replace(str(drafts), "corpus")
        files[path] = {"metrics": entry["metrics"], "error": entry["error"], "findings": entry["findings"]}
    return {"files": files, "summary": doc["summary"]}


def snapshot() -> dict:
    with tempfile.TemporaryDirectory(prefix="followup-snapshot-") as tmp:
        drafts = Path(tmp) / "corpus"
        corpus.write(drafts, COUNT, 6)
        return {mode: _run(extra, drafts) for mode, extra in MODES.items()}


def _key(f: dict) -> str:
    return f"{f['line']}:{f['column']}-{f['end_line']}:{f['end_column']} {f['code']} {f['excerpt']!r}"


def _diff_file(path: str, old: dict, new: dict) -> list[str]:
    lines = []
    for field in ("metrics", "error"):
        if old[field] != new[field]:
            lines.append(f"{path}: {field} {old[field]!r} -> {new[field]!r}")
    before = {_key(f): f for f in old["findings"]}
    after = {_key(f): f for f in new["findings"]}
    lines += [f"{path}: - {k} ({before[k]['origin']})" for k in before if k not in after]
    lines += [f"{path}: + {k} ({after[k]['origin']})" for k in after if k not in before]
    for k in before.keys() & after.keys():
        changed = sorted(n for n in set(before[k]) | set(after[k])
                         if n in before[k] and n in after[k] and before[k][n] != after[k][n])
        if changed:
            lines.append(f"{path}: ~ {k} changed {', '.join(changed)}")
    return lines


def compare(old: dict, new: dict) -> list[str]:
    lines = []
    for mode in MODES:
        if new[mode] is None:
            lines.append(f"[{mode}] NOT COMPARED: LanguageTool failed during the run")
            continue
        o, n = old[mode]["files"], new[mode]["files"]
        for path in sorted(o.keys() | n.keys()):
            if path not in n or path not in o:
                lines.append(f"[{mode}] {path}: {'missing now' if path not in n else 'new file'}")
                continue
            lines += [f"[{mode}] {line}" for line in _diff_file(path, o[path], n[path])]
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("action", choices=["record", "compare"])
    ap.add_argument("dir", type=Path)
    args = ap.parse_args()
    new = snapshot()
    if args.action == "record":
        if None in new.values():
            sys.exit("snapshot: not recorded (LanguageTool failed)")
        args.dir.mkdir(parents=True, exist_ok=True)
        for mode, doc in new.items():
            (args.dir / f"{mode}.json").write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n")
        print(f"recorded {sum(len(d['files']) for d in new.values())} file results in {args.dir}")
        return
    old = {mode: json.loads((args.dir / f"{mode}.json").read_text()) for mode in MODES}
    lines = compare(old, new)
    print("\n".join(lines) if lines else f"identical to {args.dir}")
    sys.exit(1 if lines else 0)


if __name__ == "__main__":
    main()
