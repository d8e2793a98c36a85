"""The Gradio browser UI; it calls :class:`assistant.api.Assistant` and nothing else."""
