"""The import contract: every module imports only from its own component and from lower layers.

The layers follow the pipeline (documents in → index → facts → retrieve → answer → draft → check →
api → cli/ui); a lower layer that imports a higher one would tie the pipeline in a knot (and, sooner
or later, in an import cycle). Components of one layer are independent of each other.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "assistant"

# Lowest first. Each layer maps its components to the modules (dotted prefixes) they hold; a module
# belongs to the component of its longest matching prefix.
LAYERS: tuple[dict[str, tuple[str, ...]], ...] = (
    {
        "errors": ("assistant.errors",),
        "settings": ("assistant.settings",),
        "types": ("assistant.types",),  # the frozen records that travel between the layers
    },
    # Chinese text rules (tokens, sentences, numerals, units, years); facts/numbers.py is the numeral and
    # unit reader over them and imports nothing else of the package.
    {"text": ("assistant.text", "assistant.facts.numbers")},
    {"models": ("assistant.models",)},  # provisioning: the embedder, the OCR reader and the LLM need it
    {"llm": ("assistant.llm",), "prompts": ("assistant.prompts",)},
    {"ingest": ("assistant.ingest",)},
    {"index": ("assistant.index",), "facts": ("assistant.facts",)},
    {"kb": ("assistant.kb",)},  # a knowledge base: the index and the figure table kept consistent
    {"query": ("assistant.query",)},  # the question read once: what it asks, of which documents
    {"retrieve": ("assistant.retrieve",)},
    {"answer": ("assistant.answer",)},
    {"draft": ("assistant.draft",)},
    {"check": ("assistant.check",), "brief": ("assistant.brief",)},
    {"api": ("assistant.api",), "doctor": ("assistant.doctor",)},
    {"ui": ("assistant.ui",), "evaluate": ("assistant.evaluate",), "langchain": ("assistant.langchain",)},
    {"cli": ("assistant.cli",)},
)
TOP = ("assistant",)  # the package itself: its __init__ imports nothing


def _component_of(module: str) -> tuple[int, str]:
    """(layer, component) of a dotted module name."""
    best = (-1, "", "")
    for level, layer in enumerate(LAYERS):
        for component, prefixes in layer.items():
            for prefix in prefixes:
                if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > len(best[2]):
                    best = (level, component, prefix)
    if best[0] < 0:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS")
    return best[0], best[1]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, module: str) -> list[tuple[int, str]]:
    """(line, imported module) of every ``assistant`` import, function-level ones included."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolved against the importing package
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.append((node.lineno, base))
    return [(line, name) for line, name in found if name == "assistant" or name.startswith("assistant.")]


def _edges() -> list[tuple[str, int, str, str]]:
    """(file, line, importer, imported) of every import between components."""
    edges = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        if module in TOP:
            continue
        mine = _component_of(module)
        for line, imported in _imports(path, module):
            if _component_of(imported) != mine:
                edges.append((str(path.relative_to(PACKAGE.parent)), line, module, imported))
    return edges


def test_every_module_has_a_layer() -> None:
    for path in PACKAGE.rglob("*.py"):
        if _module_name(path) not in TOP:
            _component_of(_module_name(path))


def test_no_layer_imports_a_higher_or_sibling_one() -> None:
    wrong = []
    for file, line, importer, imported in _edges():
        (low, mine), (level, theirs) = _component_of(importer), _component_of(imported)
        if level >= low:
            how = "a higher layer" if level > low else "a sibling component"
            wrong.append(f"{file}:{line} {importer} ({mine}) imports {imported}: {how} ({theirs})")
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_the_checker_sees_function_level_and_relative_imports(tmp_path: Path) -> None:
    module = tmp_path / "assistant" / "draft" / "late.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "def f():\n    from assistant.api import Assistant\n    from ..cli import app\n", encoding="utf-8"
    )
    found = [name for _, name in _imports(module, "assistant.draft.late")]
    assert found == ["assistant.api", "assistant.cli"]
