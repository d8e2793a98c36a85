"""``assistant doctor``: check this machine before trusting it (a table, or JSON; exit 1 on a failure)."""

from __future__ import annotations

import typer
from rich.table import Table

from assistant.cli.output import print_json, stdout
from assistant.doctor import run_checks
from assistant.settings import Settings

MARKS = {"ok": "[green]✓[/green]", "warn": "[yellow]![/yellow]", "fail": "[red]✗[/red]"}


def doctor(as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table.")) -> None:
    """Check CPU and build, models, the local model's worker, the embedder, the data folder, servers."""
    checks = run_checks(Settings())
    ok = all(check.ok for check in checks)
    if as_json:
        print_json(
            {
                "ok": ok,
                "checks": [{"name": c.name, "outcome": c.outcome, "ok": c.ok, "detail": c.detail} for c in checks],
            }
        )
    else:
        table = Table(title="报告助手 · 运行环境检查 (assistant doctor)")
        for column in ("检查", "", "详情"):
            table.add_column(column)
        for check in checks:
            table.add_row(check.name, MARKS[check.outcome], check.detail)
        stdout.print(table)
        stdout.print("[green]可以使用。[/green]" if ok else "[red]有检查未通过：见上表“详情”。[/red]")
    if not ok:
        raise typer.Exit(1)
