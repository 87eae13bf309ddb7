"""Blockwise symmetric int4 weights in the MatMulNBits layout, as MLAS's default quantizer writes them."""

from __future__ import annotations

import numpy as np


def quantize_int4(weight: np.ndarray, block_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Quantize a (K, N) float matrix; returns packed uint8 (N, K/block, block/2) and scales (N, K/block)."""
    k, n = weight.shape
    if k % block_size:
        raise ValueError(f"K={k} is not a multiple of the block size {block_size}")
    blocks = weight.T.reshape(n, k // block_size, block_size).astype(np.float32)
    # MLAS maps the value of largest magnitude to -8, so its sign picks the scale's sign and the
    # full range [-8, 7] is used. Without a zero-point input MatMulNBits assumes 8.
    idx = np.abs(blocks).argmax(axis=2)[..., None]
    extreme = np.take_along_axis(blocks, idx, axis=2)[..., 0]
    scales = (extreme / -8.0).astype(np.float32)
    with np.errstate(divide="ignore", invalid="ignore"):
        recip = np.where(scales != 0, 1.0 / scales, 0.0).astype(np.float32)
    # Like MLAS: add the zero point in float32, then round half away from zero. Rounding first
    # (or half to even) flips about one value in 100,000 against the builder's output.
    shifted = (blocks * recip[..., None]).astype(np.float32) + np.float32(8)
    floor = np.floor(shifted)
    rounded = np.where(shifted - floor >= 0.5, floor + 1, floor)
    q = np.clip(rounded, 0, 15).astype(np.uint8)
    packed = (q[..., 0::2] | (q[..., 1::2] << 4)).astype(np.uint8)
    return packed, scales


def dequantize_int4(packed: np.ndarray, scales: np.ndarray, k: int, n: int, block_size: int) -> np.ndarray:
    """The (K, N) float matrix that MatMulNBits multiplies by (no zero points: zero is 8)."""
    packed = packed.reshape(n, -1, block_size // 2)
    q = np.empty((*packed.shape[:2], block_size), dtype=np.float32)
    q[..., 0::2] = packed & 0x0F
    q[..., 1::2] = packed >> 4
    values = (q - 8.0) * scales.reshape(n, -1, 1).astype(np.float32)
    return values.reshape(n, -1)[:, :k].T.copy()
