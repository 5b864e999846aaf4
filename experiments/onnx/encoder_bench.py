"""ONNX Runtime against PyTorch for the pinned MiniLM encoder: seconds per batch of 8 windows of 128 word pieces.

Not part of the package and not run by the tests; onnxruntime and onnx are not dependencies:

    .venv/bin/pip install onnxruntime onnx
    .venv/bin/python experiments/onnx/encoder_bench.py

Prints PyTorch in bfloat16 (the shipped setting where the CPU computes bfloat16 natively) and float32, then ONNX
Runtime in float32 and with dynamic int8 weights, each with the largest difference from PyTorch float32.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic

from unspin.models.minilm import autocast_bf16, native_bf16, pinned_encoder

BATCH, LENGTH, THREADS = 8, 128, 2


def seconds(run: Callable[[], Any], repeat: int = 20) -> float:
    run()
    run()
    start = time.perf_counter()
    for _ in range(repeat):
        run()
    return (time.perf_counter() - start) / repeat


class States(torch.nn.Module):
    def __init__(self, encoder: torch.nn.Module) -> None:
        super().__init__()
        self.encoder = encoder

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state


def main() -> None:
    torch.set_num_threads(THREADS)
    encoder = pinned_encoder().eval()
    ids = torch.randint(1000, 20000, (BATCH, LENGTH))
    mask = torch.ones(BATCH, LENGTH, dtype=torch.long)
    mask[-1, LENGTH // 2 :] = 0  # a padded window, as the last of an article's batches has
    with torch.inference_mode():
        reference = States(encoder)(ids, mask).numpy()

        def bf16() -> Any:
            with autocast_bf16(True):
                return States(encoder)(ids, mask)

        print(f"bfloat16 native on this CPU: {native_bf16()}")
        print(f"PyTorch bfloat16   {seconds(bf16):.4f} s per batch")
        print(f"PyTorch float32    {seconds(lambda: States(encoder)(ids, mask)):.4f} s per batch")
    options = ort.SessionOptions()
    options.intra_op_num_threads, options.inter_op_num_threads = THREADS, 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    with tempfile.TemporaryDirectory() as tmp:
        fp32, int8 = Path(tmp) / "encoder.onnx", Path(tmp) / "encoder.int8.onnx"
        torch.onnx.export(
            States(encoder).eval(),
            (ids, mask),
            str(fp32),
            input_names=["ids", "mask"],
            output_names=["states"],
            dynamic_axes={name: {0: "batch", 1: "length"} for name in ("ids", "mask", "states")},
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
        for label, path in (("float32", fp32), ("int8   ", int8)):
            session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
            feed = {i.name: {"ids": ids, "mask": mask}[i.name].numpy() for i in session.get_inputs()}
            took = seconds(lambda s=session, f=feed: s.run(None, f))
            diff = float(np.abs(session.run(None, feed)[0] - reference).max())
            print(f"ONNX Runtime {label} {took:.4f} s per batch (largest difference {diff:.2g})")


if __name__ == "__main__":
    main()
