"""Every piece of text the interface shows goes through the one safe display path.

The rule, checked on the source of ``reader/ui``: whatever reaches a widget, a toast, a title or
an option is a string literal, or is built by ``safe``/``safe_line`` (Content with control
characters made visible), ``sanitize_line``/``sanitize_for_display`` (for the few places Textual
wants a ``str``), or a function of ``reader/ui`` that returns ``Content`` and obeys the same
rule. ``Content(...)`` and ``Text(...)`` on anything but a literal are allowed only in
``reader/ui/safe.py``. A raw ``str`` from an article, a pack or a notes file has no other way in.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "reader" / "ui"

# Calls that show their first argument (or the named keyword) on screen.
SINK_CALLS = {
    "Static": ("0",),
    "Label": ("0",),
    "Button": ("0", "label"),
    "RadioButton": ("0", "label"),
    "Option": ("0", "prompt"),
    "Hit": ("1", "match_display"),
    "DiscoveryHit": ("0", "display"),
    "update": ("0",),
    "notify": ("0", "title"),
    "Input": ("value", "placeholder"),
    "TextArea": ("0", "text"),
    "add_row": ("*",),
    "Tab": ("0",),
}
SINK_ATTRIBUTES = {"title", "sub_title", "border_title", "border_subtitle", "tooltip"}
SANITIZERS = {"safe", "safe_line", "sanitize_line", "sanitize_for_display"}
RAW_BUILDERS = {"Content", "Text", "styled", "from_markup", "from_text"}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


# Textual parses these as markup whatever they are: only literals may go there.
LITERAL_ONLY = {"Hit": ("4", "help"), "DiscoveryHit": ("3", "help")}


def _yielded_help_is_literal(tree: ast.Module, arg: ast.expr) -> bool:
    """A name bound from ``(text, command, help)`` tuples that the module yields: every help
    in every yielded tuple must be a literal."""
    if not isinstance(arg, ast.Name):
        return False
    helps = [
        node.value.elts[2]
        for node in ast.walk(tree)
        if isinstance(node, ast.Yield)
        and isinstance(node.value, ast.Tuple)
        and len(node.value.elts) == 3
    ]
    return bool(helps) and all(_is_literal(h) for h in helps)


def _content_functions(trees: dict[Path, ast.Module]) -> set[str]:
    """Functions of reader/ui annotated to return Content: their bodies are checked too."""
    names = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if (
                isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                and node.returns
                and ast.unparse(node.returns) in {"Content", "Content | None"}
            ):
                names.add(node.name)
    return names


def _is_literal(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (str, int, float)) or node.value is None
    if isinstance(node, ast.BinOp):
        return _is_literal(node.left) and _is_literal(node.right)
    return False


def _is_safe(node: ast.expr, builders: set[str], assigned: Assigned | None = None) -> bool:
    """Whether ``node`` is shown safely. A name (or ``self.name``) counts as safe when every
    value assigned to it in the module is safe: a raw string assigned anywhere makes it unsafe."""
    if _is_literal(node):
        return True
    key = _target_key(node)
    if key is not None and assigned is not None and assigned.get(key):
        values = assigned[key]
        assigned = {k: v for k, v in assigned.items() if k != key}  # no endless recursion
        return all(_is_safe(value, builders, assigned) for value in values)
    if isinstance(node, ast.IfExp):
        return _is_safe(node.body, builders) and _is_safe(node.orelse, builders)
    if isinstance(node, ast.Call):
        name = _name(node.func)
        if name in SANITIZERS or name in builders:
            return True
        if name == "assemble":
            return all(_is_safe_part(arg, builders) for arg in node.args)
        if name in RAW_BUILDERS:
            return all(_is_literal(arg) for arg in node.args)
    return False


Assigned = dict[str, list[ast.expr]]


def _target_key(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return None


def _assignments(tree: ast.Module) -> Assigned:
    found: Assigned = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                key = _target_key(target)
                if key is not None:
                    found.setdefault(key, []).append(node.value)
                elif isinstance(target, ast.Tuple):  # unpacking: each part is unknown
                    for part in target.elts:
                        part_key = _target_key(part)
                        if part_key is not None:
                            found.setdefault(part_key, []).append(ast.Constant(value=...))
        elif isinstance(node, (ast.For, ast.comprehension)):
            key = _target_key(node.target)
            if key is not None:
                found.setdefault(key, []).append(ast.Constant(value=...))  # a loop: unknown
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for arg in [*node.args.args, *node.args.kwonlyargs]:
                found.setdefault(arg.arg, []).append(ast.Constant(value=...))  # a parameter
    return found


def _is_safe_part(node: ast.expr, builders: set[str]) -> bool:
    if isinstance(node, ast.Tuple):  # (text, style) in Content.assemble
        return _is_safe(node.elts[0], builders)
    if isinstance(node, ast.Starred):
        return isinstance(node.value, ast.Name)  # a list built of checked parts
    return _is_safe(node, builders)


def _violations() -> list[str]:
    trees = {path: ast.parse(path.read_text(), str(path)) for path in sorted(UI.rglob("*.py"))}
    builders = _content_functions(trees)
    found = []
    for path, tree in trees.items():
        where = path.relative_to(UI.parent.parent)
        assigned = _assignments(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = _name(node.func)
                raw = name in RAW_BUILDERS and path.name != "safe.py"
                if raw and not all(_is_literal(arg) for arg in node.args):
                    found.append(f"{where}:{node.lineno}: {name}() on non-literal text")
                for slot in LITERAL_ONLY.get(name, ()):
                    index = int(slot) if slot.isdigit() else None
                    args = (node.args[index:index + 1] if index is not None
                            else [k.value for k in node.keywords if k.arg == slot])
                    found += [f"{where}:{node.lineno}: {name}() help is not a literal"
                              for arg in args
                              if not (_is_literal(arg) or _yielded_help_is_literal(tree, arg))]
                for slot in SINK_CALLS.get(name, ()):
                    if slot == "*":
                        args = list(node.args)
                    elif slot.isdigit():
                        args = node.args[int(slot):int(slot) + 1]
                    else:
                        args = [k.value for k in node.keywords if k.arg == slot]
                    for arg in args:
                        if not _is_safe(arg, builders, assigned):
                            found.append(
                                f"{where}:{node.lineno}: {name}() gets {ast.unparse(arg)[:60]}"
                            )
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    shown = isinstance(target, ast.Attribute) and target.attr in SINK_ATTRIBUTES
                    if shown and node.value is not None and not _is_safe(
                        node.value, builders, assigned
                    ):
                        found.append(f"{where}:{node.lineno}: {ast.unparse(target)} = "
                                         f"{ast.unparse(node.value)[:60]}")
    return found


def test_every_shown_string_goes_through_the_safe_path() -> None:
    assert _violations() == []


def test_the_checker_catches_a_raw_string() -> None:
    """The rule above must be able to fail: a raw f-string in a sink is reported."""
    tree = ast.parse('Static(f"{pack.title}")\nself.notify(message)\nx.border_title = name\n')
    builders: set[str] = set()
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _name(n.func) != ""]
    assert not _is_safe(calls[0].args[0], builders)
    assert not _is_safe(calls[1].args[0], builders)
    assert _is_safe(ast.parse('safe_line(f"{pack.title}")').body[0].value, builders)  # type: ignore[attr-defined]
    assert not _is_safe(ast.parse('Content(f"{x}")').body[0].value, builders)  # type: ignore[attr-defined]
