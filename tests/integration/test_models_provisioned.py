"""The models the test command provisions pass a full sha256 check."""

from __future__ import annotations

import pytest

from assistant.models.catalog import CATALOG
from assistant.models.provision import status


@pytest.mark.parametrize("name", ["embeddinggemma", "qwen2.5-0.5b", "qwen2.5-1.5b"])
def test_provisioned_models_are_verified(name: str) -> None:
    """The test command provisions these; they must pass a full sha256 check."""
    from tests.conftest import MODELS_DIR

    assert status(CATALOG[name], MODELS_DIR, deep=True).verified
