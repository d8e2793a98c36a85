"""设置: which LLM answers (local model or an OpenAI-compatible endpoint) and the model status."""

from __future__ import annotations

import gradio as gr
from pydantic import ValidationError

from assistant.api import Assistant
from assistant.errors import AssistantError
from assistant.models.catalog import CATALOG
from assistant.ui import render

BACKENDS = [
    ("本地模型（llama.cpp，完全离线）", "llamacpp"),
    ("OpenAI 兼容接口（vLLM、Ollama、单位内网服务）", "openai"),
]


def summary_html(assistant: Assistant) -> str:
    s = assistant.settings
    llm = (
        f"本地模型 {s.llm_model_path or s.llm_model}"
        if s.llm_backend == "llamacpp"
        else f"接口 {s.openai_base_url or '（未设置地址）'} · 模型 {s.openai_model or '（未设置）'}"
    )
    rows = [("当前大模型", llm)]
    if s.llm_backend == "llamacpp":
        worker = assistant.llm_worker_state()
        rows.append(("本地模型进程", worker.describe() if worker else "未启动（首次提问时启动）"))
    rows += [
        ("向量模型", str(s.embedding_model_path or s.embedder)),
        ("数据目录", str(s.home)),
        ("模型目录", str(s.models_path)),
    ]
    cells = "".join(
        f"<span class='ra-k'>{render.esc(k)}</span><span class='ra-v'>{render.esc(v)}</span>" for k, v in rows
    )
    return f"<div class='ra-summary'>{cells}</div>"


def build(assistant: Assistant, tab: gr.Tab) -> None:
    s = assistant.settings
    llm_names = [name for name, spec in CATALOG.items() if spec.kind == "llm"]
    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=300):
            gr.HTML("<h3 class='ra-h'>大模型</h3>")
            summary = gr.HTML(summary_html(assistant), elem_id="settings-summary")
            backend = gr.Radio(BACKENDS, value=s.llm_backend, label="回答用的大模型", elem_id="llm-backend")
            with gr.Row(visible=s.llm_backend == "llamacpp") as local_row:
                local_model = gr.Dropdown(llm_names, value=s.llm_model, label="本地模型", elem_id="llm-model")
            with gr.Row(visible=s.llm_backend == "openai") as remote_row:
                base_url = gr.Textbox(
                    s.openai_base_url or "", label="接口地址", placeholder="http://10.0.0.5:8000/v1", elem_id="llm-url"
                )
                model_name = gr.Textbox(
                    s.openai_model or "", label="模型名称", placeholder="qwen2.5-7b-instruct", elem_id="llm-name"
                )
            gr.HTML(
                f"<div class='ra-hint'>接口密钥从环境变量 <code>{render.esc(s.openai_api_key_env)}</code> 读取。"
                "这里的修改对本服务的所有用户生效，重启后恢复为 config.toml 中的设置。</div>"
            )
            with gr.Row():
                apply = gr.Button("应用", variant="primary", elem_id="llm-apply", scale=0, min_width=120)
                check = gr.Button("测试大模型", elem_id="llm-check", scale=0, min_width=120)
            status = gr.HTML(elem_id="llm-status")
        with gr.Column(scale=1, min_width=300):
            gr.HTML(
                "<h3 class='ra-h'>模型状态</h3><div class='ra-hint'>与命令 <code>assistant models status</code> 相同；"
                "缺少的模型用 <code>assistant models install</code> 安装。</div>"
            )
            models = gr.Dataframe(
                headers=render.MODEL_HEADERS,
                interactive=False,
                wrap=True,
                elem_id="models",
                column_widths=[130, 100, 190, 80, 360],
            )
            with gr.Row():
                refresh = gr.Button("刷新", size="sm", scale=0, min_width=80)
                deep = gr.Button("完整校验（sha256，较慢）", size="sm", scale=0, min_width=180)

    def switch(value: str) -> tuple:
        return gr.update(visible=value == "llamacpp"), gr.update(visible=value == "openai")

    def configure(b: str, m: str, url: str, name: str) -> tuple:
        try:
            assistant.configure_llm(b, m, url, name)
        except ValidationError as error:
            return gr.skip(), render.message_html("error", f"设置无效：{error.errors()[0]['msg']}")
        return summary_html(assistant), render.message_html("ok", "已应用；下一次提问起生效。")

    def test_llm() -> tuple:
        try:
            name = assistant.check_llm()
        except AssistantError as error:
            return gr.skip(), render.message_html("error", f"大模型不可用（提问会自动改用快速模式）：{error}")
        return summary_html(assistant), render.message_html("ok", f"大模型可用：{name}")

    backend.change(switch, backend, [local_row, remote_row], queue=False)
    apply.click(configure, [backend, local_model, base_url, model_name], [summary, status])
    check.click(test_llm, None, [summary, status], concurrency_id="answer")
    tab.select(lambda: summary_html(assistant), None, summary)
    tab.select(lambda: render.model_rows(assistant.model_status()), None, models)
    refresh.click(lambda: render.model_rows(assistant.model_status()), None, models)
    deep.click(lambda: render.model_rows(assistant.model_status(deep=True)), None, models)
