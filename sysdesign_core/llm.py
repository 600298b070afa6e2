"""Serving a large language model on GPUs: weights, KV cache, GPUs, decode speed and cost.

**Memory.** The weights take ``parameters × bytes_per_parameter``. Every token a sequence
holds in its context keeps one key and one value vector per layer and per KV head (the KV
cache), so one token costs ``2 × layers × kv_heads × head_dim × kv_bytes`` (Kwon et al.,
"Efficient Memory Management for Large Language Model Serving with PagedAttention", SOSP
2023). With grouped-query attention ``kv_heads`` is smaller than the attention heads: Llama 3
70B has 64 attention heads and 8 KV heads (Llama Team, "The Llama 3 Herd of Models", 2024),
which cuts its cache per token eightfold.

**GPUs.** Enough GPUs to hold the weights plus the cache of every sequence at its full
context, on the share of each GPU's memory a server may use (the rest holds activations and
the runtime: vLLM's ``gpu_memory_utilization`` defaults to 90%).

**Decode speed: a memory-bandwidth model.** Generating one token for every sequence in a
batch (one decode step) reads all the weights once, shared by the batch, plus each
sequence's KV cache. At small and medium batches those reads, not the arithmetic, take the
time, so with the model split over ``gpus`` GPUs (tensor parallelism, each reading its share)::

    step time  = (weights + sequences × kv per sequence) ÷ (gpus × bandwidth × efficiency)
    tokens/s   = sequences ÷ step time

This is a ceiling: it counts every sequence at its full context (a sequence part-way through
holds fewer tokens), leaves out prefill (reading the prompt), and holds while the batch is
small enough that the GPU's arithmetic keeps up with its memory. The cost per million output
tokens is the GPU-hours those tokens take.

>>> kv_cache_per_token(layers=80, kv_heads=8, head_dim=128, kv_bytes=2) / 1024  # Llama 3 70B
320.0
>>> kv_cache_per_token(layers=32, kv_heads=32, head_dim=128, kv_bytes=2) / 1024  # Llama 2 7B
512.0
>>> gpus_needed(140e9 + 100e9, gpu_memory=80e9, usable=0.9)
4
"""

from __future__ import annotations

import math

from .cost import price
from .registry import Calculator, Input, Output, Values, register

__all__ = [
    "GPU_PRICE_ROW",
    "kv_cache_per_token",
    "gpus_needed",
    "decode_step_time",
    "LLM_SERVING",
]

GPU_PRICE_ROW = "H100 GPU, p5.48xlarge"
"""The row of :data:`sysdesign_core.tables.cost.CLOUD_PRICES` that prices one GPU-hour."""


def kv_cache_per_token(
    *, layers: float, kv_heads: float, head_dim: float, kv_bytes: float
) -> float:
    """Bytes of KV cache one token of context holds: a key and a value vector per layer and
    per KV head, ``2 × layers × kv_heads × head_dim × kv_bytes``."""
    return 2 * layers * kv_heads * head_dim * kv_bytes


def gpus_needed(memory: float, *, gpu_memory: float, usable: float) -> int:
    """GPUs to hold ``memory`` bytes when each offers ``usable`` of its ``gpu_memory``; at
    least one."""
    # The small slack keeps 160 GB on 2 × 80 GB at 2, not 3, when the float rounds up.
    return max(1, math.ceil(memory / (gpu_memory * usable) * (1 - 1e-12)))


def decode_step_time(bytes_read: float, *, gpus: float, bandwidth: float) -> float:
    """Seconds one decode step takes when ``bytes_read`` are read from memory spread over
    ``gpus`` GPUs, each reading ``bandwidth`` bytes per second."""
    return bytes_read / (gpus * bandwidth)


# --- calculator ------------------------------------------------------------------------------


def _llm_serving(values: Values) -> dict[str, float]:
    weights = values["parameters"] * values["bytes_per_parameter"]
    per_token = kv_cache_per_token(
        layers=values["layers"],
        kv_heads=values["kv_heads"],
        head_dim=values["head_dim"],
        kv_bytes=values["kv_bytes"],
    )
    per_sequence = per_token * values["context_length"]
    sequences = values["sequences"]
    cache = per_sequence * sequences
    usable = values["gpu_memory"] * values["memory_utilization"]
    gpus = gpus_needed(
        weights + cache, gpu_memory=values["gpu_memory"], usable=values["memory_utilization"]
    )
    # Bandwidth inputs are bits per second; memory is read in bytes.
    bandwidth = values["gpu_bandwidth"] / 8 * values["bandwidth_efficiency"]
    step = decode_step_time(weights + cache, gpus=gpus, bandwidth=bandwidth)
    tokens_per_second = sequences / step
    gpu_hours_per_token = gpus / 3600 / tokens_per_second
    return {
        "weights_memory": weights,
        "kv_cache_per_token": per_token,
        "kv_cache_per_sequence": per_sequence,
        "kv_cache_total": cache,
        "gpus": float(gpus),
        # + 1e-9: a batch that fills the GPUs exactly is not read as one sequence short.
        "max_sequences": float(max(0, math.floor((gpus * usable - weights) / per_sequence + 1e-9))),
        "time_per_token": step,
        "decode_tokens_per_second": tokens_per_second,
        "cost_per_million_tokens": gpu_hours_per_token * values["gpu_price"] * 1e6,
    }


def _count(name: str, label: str, default: str, help_text: str, most: float) -> Input:
    return Input(name, label, "count", default, help_text, minimum=1, maximum=most, integer=True)


LLM_SERVING = register(
    Calculator(
        id="llm_serving",
        title="LLM serving",
        description="GPUs, KV-cache memory, decode tokens per second and cost per token of an LLM.",
        page="calculators/llm_serving.md",
        inputs=(
            Input(
                "parameters",
                "Parameters",
                "count",
                "70B",
                "Weights in the model: 7B, 70B, 405B.",
                minimum=1e6,
                maximum=1e13,
            ),
            Input(
                "bytes_per_parameter",
                "Bytes per parameter",
                "number",
                "2",
                "Precision of the weights: 2 for fp16 or bf16, 1 for fp8 or int8, 0.5 for int4.",
                minimum=0.125,
                maximum=4,
            ),
            _count(
                "layers", "Layers", "80", "Transformer layers (blocks): 80 for Llama 3 70B.", 1000
            ),
            _count(
                "kv_heads",
                "KV heads",
                "8",
                "Key-value heads per layer: the attention heads, or fewer with grouped-query "
                "attention (8 for Llama 3 70B).",
                1024,
            ),
            _count("head_dim", "Head dimension", "128", "Size of one head's vectors: 128.", 8192),
            Input(
                "kv_bytes",
                "Bytes per cached value",
                "number",
                "2",
                "Precision of the KV cache: 2 for fp16 or bf16, 1 for an fp8 cache.",
                minimum=0.125,
                maximum=4,
            ),
            _count(
                "context_length",
                "Context per sequence (tokens)",
                "8192",
                "Tokens each sequence holds, prompt plus output: 8192.",
                1e8,
            ),
            _count(
                "sequences",
                "Concurrent sequences",
                "64",
                "Conversations generating at once (the batch).",
                1e7,
            ),
            Input(
                "gpu_memory",
                "Memory per GPU",
                "bytes",
                "80GB",
                "HBM on one GPU: 80GB for an H100, 141GB for an H200.",
                minimum=1e9,
                maximum=1e13,
            ),
            Input(
                "memory_utilization",
                "Usable share of GPU memory",
                "fraction",
                "90%",
                "Share for weights and cache; the rest holds activations (vLLM's default: 90%).",
                minimum=0.05,
                maximum=1,
            ),
            Input(
                "gpu_bandwidth",
                "Memory bandwidth per GPU",
                "bandwidth",
                "3.35TB/s",
                "Bytes per second from HBM, written in bytes: 3.35TB/s for an H100 SXM.",
                minimum=8e9,  # 1 GB/s
                maximum=8e15,  # 1 PB/s
            ),
            Input(
                "bandwidth_efficiency",
                "Share of that bandwidth reached",
                "fraction",
                "100%",
                "100% gives the ceiling; real kernels reach less, so measure yours.",
                minimum=0.01,
                maximum=1,
            ),
            Input(
                "gpu_price",
                "Price per GPU-hour",
                "usd",
                f"${price(GPU_PRICE_ROW):g}",
                "US dollars for one GPU for an hour; the default is an on-demand H100 on AWS.",
                minimum=0,
                maximum=1e4,
            ),
        ),
        outputs=(
            Output("weights_memory", "Weights", "bytes"),
            Output("kv_cache_per_token", "KV cache per token", "bytes"),
            Output("kv_cache_per_sequence", "KV cache per sequence", "bytes"),
            Output("kv_cache_total", "KV cache, all sequences", "bytes"),
            Output("gpus", "GPUs to hold weights and cache", "count"),
            Output("max_sequences", "Sequences those GPUs can hold", "count"),
            Output("time_per_token", "Time per output token (one decode step)", "duration"),
            Output("decode_tokens_per_second", "Output tokens per second, all sequences", "rate"),
            Output("cost_per_million_tokens", "Cost per million output tokens", "usd"),
        ),
        compute=_llm_serving,
        note="Decode speed is a memory-bandwidth ceiling: every sequence at its full context, "
        "prefill left out.",
    )
)
