"""No function of the package is over 60 lines (issue 13).

A function is counted from its ``def`` line to its last line, docstring
included; nested functions are counted on their own too. There is no
allow-list: the last long ones (the warm daemon's loop, the language
server's build) were split."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "followup_lint"
LIMIT = 60



def long_functions(root: Path, limit: int = LIMIT) -> dict[str, int]:
    """``path:qualname`` -> lines, for every function of ``root`` over ``limit``."""
    found: dict[str, int] = {}
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent).as_posix()

        def walk(node, prefix: str) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    name = f"{prefix}{child.name}"
                    lines = child.end_lineno - child.lineno + 1
                    if lines > limit:
                        found[f"{rel}:{name}"] = lines
                    walk(child, f"{name}.")
                elif isinstance(child, ast.ClassDef):
                    walk(child, f"{prefix}{child.name}.")
                else:
                    walk(child, prefix)

        walk(ast.parse(path.read_text(encoding="utf-8")), "")
    return found


def test_no_function_over_60_lines():
    too_long = long_functions(PACKAGE)
    assert too_long == {}, f"functions over {LIMIT} lines (split them): {too_long}"


def test_the_counter_finds_a_long_function(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(LIMIT))
    (pkg / "m.py").write_text(f"class C:\n    def short(self):\n        return 1\n\n"
                              f"    def long(self):\n{body.replace('    ', '        ')}\n\n"
                              f"def exactly():\n{chr(10).join(f'    y{i} = {i}' for i in range(LIMIT - 1))}\n")
    assert long_functions(pkg) == {"pkg/m.py:C.long": LIMIT + 1}


def defined_twice(root: Path) -> list[str]:
    """``path:name`` for every function or class defined twice in one module
    or class body (the later one silently wins: a merge leftover)."""
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent).as_posix()

        def scan(body, prefix: str) -> None:
            seen: set[str] = set()
            for node in body:
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    if node.name in seen and not node.decorator_list:  # @overload, @x.setter are meant
                        found.append(f"{rel}:{prefix}{node.name}")
                    seen.add(node.name)
                    if isinstance(node, ast.ClassDef):
                        scan(node.body, f"{prefix}{node.name}.")

        scan(ast.parse(path.read_text(encoding="utf-8")).body, "")
    return found


def test_nothing_is_defined_twice():
    assert defined_twice(PACKAGE) == []


def test_a_second_definition_is_found(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "m.py").write_text("def f():\n    return 1\n\n\ndef f():\n    return 2\n\n\n"
                              "class C:\n    @property\n    def x(self):\n        return 1\n\n"
                              "    @x.setter\n    def x(self, v):\n        pass\n")
    assert defined_twice(pkg) == ["pkg/m.py:f"]
