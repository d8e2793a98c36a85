"""The browser page: tabs built from the modules beside this one, served by Gradio's queue.

Every tab calls :class:`assistant.api.Assistant` — the same functions as the CLI.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import gradio as gr

from assistant.api import Assistant
from assistant.errors import AssistantError
from assistant.ui import brief, chat, check, draft, figures, library, settings
from assistant.ui.auth import AuthError, checker, file_is_private, is_loopback, load_users

log = logging.getLogger(__name__)

STYLE = Path(__file__).with_name("style.css")
FONTS = ["PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "system-ui", "sans-serif"]
MONO = ["SFMono-Regular", "Consolas", "Noto Sans Mono CJK SC", "monospace"]

# The page frame lies outside the part of the page Gradio scopes custom CSS to, so it goes in <head>.
PAGE_CSS = """
.gradio-container { max-width: 1240px !important; margin: 0 auto !important; min-width: 0 !important; width: 100%; }
.gradio-container .main, .gradio-container main.contain, .gradio-container .wrap { min-width: 0; max-width: 100%; }
@media (max-width: 640px) { .gradio-container .main.fillable { padding: 8px !important; } }
"""

HEADER = """
<div class="ra-header">
  <div class="ra-logo">报</div>
  <div><div class="ra-title">报告助手</div>
  <div class="ra-subtitle">从您的报告和政策文件中查找原文依据 · 全程离线</div></div>
</div>
"""


def theme() -> gr.themes.Base:
    """A sober theme with local fonts only (the page must work without internet)."""
    return gr.themes.Soft(
        primary_hue=gr.themes.colors.red,
        secondary_hue=gr.themes.colors.amber,
        neutral_hue=gr.themes.colors.slate,
        font=FONTS,
        font_mono=MONO,
        radius_size=gr.themes.sizes.radius_md,
    ).set(
        body_background_fill="#f6f7f9",
        block_radius="10px",
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_hover="*primary_800",
        button_primary_text_color="white",
        button_cancel_background_fill="white",
        button_cancel_background_fill_hover="*primary_50",
        button_cancel_text_color="*primary_700",
        button_cancel_border_color="*primary_300",
        block_title_background_fill="transparent",
        block_title_text_color="*neutral_600",
        block_title_padding="0",
        block_label_background_fill="transparent",
        block_label_text_color="*neutral_600",
    )


def build(assistant: Assistant, kb: str | None = None) -> gr.Blocks:
    with gr.Blocks(title="报告助手", analytics_enabled=False) as page:
        gr.HTML(HEADER)
        kb_picker = gr.Dropdown(
            assistant.knowledge_bases(),
            value=kb or assistant.settings.kb,
            label="知识库",
            allow_custom_value=True,
            elem_id="kb",
            render=False,
            scale=1,
            min_width=200,
        )
        with gr.Tabs(elem_id="tabs"):
            with gr.Tab("问答", id="chat", elem_id="tab-chat"):
                chat.build(assistant, kb_picker)
            with gr.Tab("数据速查", id="figures", elem_id="tab-figures") as tab:
                figures.build(assistant, kb_picker, tab)
            with gr.Tab("速览", id="brief", elem_id="tab-brief") as tab:
                brief.build(assistant, kb_picker, tab)
            with gr.Tab("起草", id="draft", elem_id="tab-draft") as tab:
                draft.build(assistant, kb_picker, tab)
            with gr.Tab("核稿", id="check", elem_id="tab-check"):
                check.build(assistant, kb_picker)
            with gr.Tab("资料库", id="library", elem_id="tab-library") as tab:
                library.build(assistant, kb_picker, tab)
            with gr.Tab("设置", id="settings", elem_id="tab-settings") as tab:
                settings.build(assistant, tab)
    return page


def _users(assistant: Assistant, host: str, auth_file: Path | None, no_auth: bool) -> dict[str, str]:
    config = assistant.settings
    auth_file = auth_file or config.ui_auth_file
    users = load_users(auth_file, config.ui_users)
    if auth_file is not None and not file_is_private(auth_file):
        log.warning("%s can be read by other users of this computer: chmod 600 it", auth_file)
    if not users and not is_loopback(host) and not no_auth:
        raise AuthError(
            f"在网络上共享 ({host}) 需要登录用户：--auth-file FILE 或 ASSISTANT_UI_USERS=用户:密码 "
            "(sharing on a network needs logins; --no-auth shares without them)"
        )
    return users


def _warm_up(assistant: Assistant, kb: str | None) -> None:
    """Load the embedding model in the background so the first question answers quickly."""
    try:
        assistant.search("工作", k=1, kb=kb)
    except AssistantError:
        pass


def launch(
    assistant: Assistant,
    host: str = "127.0.0.1",
    port: int = 7860,
    kb: str | None = None,
    auth_file: Path | None = None,
    no_auth: bool = False,
    prevent_thread_lock: bool = False,
    warm_up: bool = True,
) -> gr.Blocks:
    """Serve the page; on any address other than loopback, logins are required unless ``no_auth``."""
    users = _users(assistant, host, auth_file, no_auth)
    page = build(assistant, kb)
    if warm_up:
        threading.Thread(target=_warm_up, args=(assistant, kb), daemon=True).start()
    page.queue(default_concurrency_limit=4).launch(
        server_name=host,
        server_port=port,
        auth=checker(users) if users else None,
        auth_message="报告助手 · 请使用管理员分配的用户名和密码登录" if users else None,
        prevent_thread_lock=prevent_thread_lock,
        max_file_size=f"{assistant.settings.max_file_mb:g}mb",
        theme=theme(),
        css_paths=[STYLE],
        head=f"<style>{PAGE_CSS}</style>",
        footer_links=[],
    )
    return page
