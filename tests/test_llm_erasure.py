"""The LLM-serving and erasure-coding calculators against published figures.

Each reference names its source; the calculator pages cite the same ones.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysdesign_core import get, run
from sysdesign_core.cost import price
from sysdesign_core.erasure import annual_loss_probability, durability_nines, overhead
from sysdesign_core.llm import GPU_PRICE_ROW, gpus_needed, kv_cache_per_token

CONTRACT = {
    "llm_serving": (
        (
            "parameters",
            "bytes_per_parameter",
            "layers",
            "kv_heads",
            "head_dim",
            "context_length",
            "sequences",
            "gpu_memory",
            "gpu_bandwidth",
            "gpu_price",
        ),
        (
            "weights_memory",
            "kv_cache_per_token",
            "kv_cache_per_sequence",
            "gpus",
            "decode_tokens_per_second",
            "cost_per_million_tokens",
        ),
    ),
    "erasure_coding": (
        ("data_shards", "parity_shards", "annual_failure_rate", "repair_time", "replicas"),
        (
            "overhead",
            "failures_tolerated",
            "annual_loss_probability",
            "replication_overhead",
            "replication_loss_probability",
        ),
    ),
}


def out(calc_id: str, name: str, **inputs: str) -> float:
    return float(run(calc_id, inputs)["outputs"][name]["value"])


@pytest.mark.parametrize("calc_id", sorted(CONTRACT))
def test_contract_names_page_and_defaults(calc_id: str) -> None:
    calc = get(calc_id)
    inputs, outputs = CONTRACT[calc_id]
    assert set(inputs) <= {item.name for item in calc.inputs}
    assert set(outputs) <= {item.name for item in calc.outputs}
    assert calc.page == f"calculators/{calc_id}.md"
    result = run(calc_id, {})
    assert all(math.isfinite(o["value"]) and o["text"] for o in result["outputs"].values())


# --- KV cache -----------------------------------------------------------------------------
# Shapes: Llama 2 7B keeps the LLaMA 7B shape, 32 layers of 32 heads of 128 (Touvron et al.,
# "LLaMA", 2023, table 2; "Llama 2", 2023); Llama 3 70B has 80 layers, 64 attention heads and
# 8 KV heads, model dimension 8192 (Llama Team, "The Llama 3 Herd of Models", 2024, table 3).
# Kwon et al., "Efficient Memory Management for Large Language Model Serving with
# PagedAttention" (SOSP 2023), section 3: OPT-13B (40 layers, hidden size 5120) needs 800 KB
# of KV cache per token, and a 2,048-token request up to 1.6 GB.


def test_kv_cache_per_token_llama_2_7b_fp16() -> None:
    assert kv_cache_per_token(layers=32, kv_heads=32, head_dim=128, kv_bytes=2) == 512 * 1024
    value = out("llm_serving", "kv_cache_per_token", layers="32", kv_heads="32", head_dim="128")
    assert value == 512 * 1024


def test_kv_cache_per_token_llama_3_70b_fp16() -> None:
    assert out("llm_serving", "kv_cache_per_token") == 320 * 1024  # the defaults are Llama 3 70B


def test_kv_cache_opt_13b_pagedattention_paper() -> None:
    opt = {"layers": "40", "kv_heads": "40", "head_dim": "128", "context_length": "2048"}
    assert out("llm_serving", "kv_cache_per_token", **opt) == 2 * 5120 * 40 * 2  # "800 KB"
    assert out("llm_serving", "kv_cache_per_sequence", **opt) == pytest.approx(1.6e9, rel=0.05)


def test_fp8_cache_halves_it() -> None:
    assert out("llm_serving", "kv_cache_per_token", kv_bytes="1") == 160 * 1024


def test_weights_and_gpus() -> None:
    assert out("llm_serving", "weights_memory") == 140e9  # 70B × 2 bytes
    assert out("llm_serving", "weights_memory", bytes_per_parameter="0.5") == 35e9  # int4
    # 140 GB of fp16 weights alone on 80 GB GPUs at 90%: 140 / 72 → 2 GPUs.
    assert out("llm_serving", "gpus", sequences="1", context_length="1") == 2
    # Exactly full: 144 GB on 2 × 72 GB is 2 GPUs, not 3; a byte more is 3.
    assert gpus_needed(144e9, gpu_memory=80e9, usable=0.9) == 2
    assert gpus_needed(144e9 + 1e6, gpu_memory=80e9, usable=0.9) == 3


def test_decode_follows_the_bandwidth_model() -> None:
    result = run("llm_serving", {})
    values = {name: o["value"] for name, o in result["outputs"].items()}
    gpus = values["gpus"]
    read = values["weights_memory"] + values["kv_cache_total"]
    assert values["kv_cache_total"] == values["kv_cache_per_sequence"] * 64
    assert gpus * 72e9 >= read > (gpus - 1) * 72e9
    step = read / (gpus * 3.35e12)
    assert values["time_per_token"] == pytest.approx(step)
    assert values["decode_tokens_per_second"] == pytest.approx(64 / step)
    hourly = gpus * price(GPU_PRICE_ROW)
    per_million = hourly / 3600 / values["decode_tokens_per_second"] * 1e6
    assert values["cost_per_million_tokens"] == pytest.approx(per_million)
    assert values["max_sequences"] >= 64


def test_gpu_price_comes_from_the_cost_table() -> None:
    assert run("llm_serving", {})["inputs"]["gpu_price"] == price(GPU_PRICE_ROW)
    doubled = out(
        "llm_serving", "cost_per_million_tokens", gpu_price=f"${2 * price(GPU_PRICE_ROW)}"
    )
    assert doubled == pytest.approx(2 * out("llm_serving", "cost_per_million_tokens"))


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=1, max_value=512))
def test_bigger_batches_raise_throughput_per_gpu_until_memory_runs_out(batch: int) -> None:
    one = run("llm_serving", {"sequences": str(batch), "context_length": "1024"})["outputs"]
    more = run("llm_serving", {"sequences": str(batch + 1), "context_length": "1024"})["outputs"]
    if one["gpus"]["value"] == more["gpus"]["value"]:
        per_gpu = one["decode_tokens_per_second"]["value"] / one["gpus"]["value"]
        assert more["decode_tokens_per_second"]["value"] / more["gpus"]["value"] > per_gpu


# --- erasure coding -----------------------------------------------------------------------
# Overheads: RS(10,4) stores 1.4 bytes per byte (Muralidhar et al., "f4: Facebook's Warm BLOB
# Storage System", OSDI 2014); Azure's LRC(12,2,2) 1.33 against RS(6,3) at 1.5 (Huang et al.,
# "Erasure Coding in Windows Azure Storage", USENIX ATC 2012).
# Loss: Backblaze, github.com/Backblaze/erasure-coding-durability (2018), README example
# `durability.py 4 2 0.10 1`: 6 shards, 10% a year, 1-day repair; annual loss 1.500e-07 with 2
# parity shards (the marked row), 3.082e-11 with 3, 4.105e-04 with 1. Backblaze uses a
# 365-day year and p = rate/periods; here 365.25 days and the Poisson p, 0.3% apart at most.


def test_overheads() -> None:
    assert overhead(10, 4) == pytest.approx(1.4)
    assert overhead(6, 3) == pytest.approx(1.5)
    assert overhead(12, 4) == pytest.approx(4 / 3)
    assert out("erasure_coding", "overhead") == pytest.approx(1.4)
    assert out("erasure_coding", "failures_tolerated", parity_shards="3") == 3
    assert out("erasure_coding", "replication_overhead") == 3
    assert out("erasure_coding", "repair_reads", data_shards="17") == 17


@pytest.mark.parametrize(
    ("parity", "published"), [(1, 4.105e-04), (2, 1.500e-07), (3, 3.082e-11), (4, 3.377e-15)]
)
def test_backblaze_readme_example(parity: int, published: float) -> None:
    assert annual_loss_probability(6 - parity, parity, 0.10, 86_400.0) == pytest.approx(
        published, rel=0.005
    )


def test_backblaze_example_through_run() -> None:
    inputs = {
        "data_shards": "4",
        "parity_shards": "2",
        "annual_failure_rate": "10%",
        "repair_time": "1d",
    }
    assert out("erasure_coding", "annual_loss_probability", **inputs) == pytest.approx(
        1.5e-7, rel=0.005
    )
    assert out("erasure_coding", "durability_nines", **inputs) == pytest.approx(6.82, abs=0.01)


def test_replication_is_a_one_data_shard_code() -> None:
    for replicas in (1, 2, 3, 5):
        copies = out("erasure_coding", "replication_loss_probability", replicas=str(replicas))
        coded = annual_loss_probability(1, replicas - 1, 0.02, 86_400.0)
        assert copies == pytest.approx(coded)


def test_one_copy_loses_at_the_failure_rate() -> None:
    # No redundancy: the chance of losing the only copy in a year is 1 − e^(−rate).
    value = out("erasure_coding", "replication_loss_probability", replicas="1")
    assert value == pytest.approx(-math.expm1(-0.02), rel=1e-9)


def test_nines_stay_exact_beyond_a_float() -> None:
    # 100 parity shards: the loss is far below 1e-308, the nines are still a number.
    nines = durability_nines(100, 100, 0.02, 86_400.0)
    assert math.isfinite(nines) and nines > 300
    assert annual_loss_probability(100, 100, 0.02, 86_400.0) == 0.0


@settings(max_examples=50, deadline=None)
@given(
    st.integers(min_value=1, max_value=30),
    st.integers(min_value=0, max_value=6),
    st.floats(min_value=1e-4, max_value=0.5),
    st.floats(min_value=3600, max_value=30 * 86_400),
)
def test_more_parity_or_faster_repair_never_loses_more(
    k: int, m: int, rate: float, repair: float
) -> None:
    base = durability_nines(k, m, rate, repair)
    assert durability_nines(k, m + 1, rate, repair) >= base - 1e-9
    assert durability_nines(k, m, rate, repair / 2) >= base - 1e-9
