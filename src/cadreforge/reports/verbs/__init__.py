"""One module per `cadreforge report NAME` verb (spec/cli.md).

Each module defines:
    HELP: str                                          # Chinese one-liner for --help
    def build(program, batch_number) -> dict           # the JSON object of the contract, from a selector
    def render_text(program, data: dict) -> str        # the Chinese text shown without --json
"""

import importlib
import pkgutil


def available() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def load(name: str):
    return importlib.import_module(f"{__name__}.{name}")
