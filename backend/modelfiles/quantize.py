"""Blockwise weights in the MatMulNBits layout: int4 as MLAS's default quantizer writes it, and int8."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class BlockQuantized:
    """A (K, N) matrix for MatMulNBits: packed uint8 (N, K/block, block*bits/8), scales (N, K/block).

    Without zero points MatMulNBits takes 2^(bits-1) as zero. Float zero points (one per block, like
    the scales) let an asymmetric GGUF block (Q4_1: d*q + m) be stored exactly, as zero = -m/d.
    """

    k: int
    n: int
    bits: int
    block_size: int
    packed: np.ndarray
    scales: np.ndarray
    zero_points: np.ndarray | None = None

    def dequantize(self) -> np.ndarray:
        """The float (K, N) matrix that MatMulNBits multiplies by."""
        blocks = self.packed.reshape(self.n, -1, self.block_size * self.bits // 8)
        if self.bits == 4:
            q = np.empty((*blocks.shape[:2], self.block_size), dtype=np.float32)
            q[..., 0::2] = blocks & 0x0F
            q[..., 1::2] = blocks >> 4
        else:
            q = blocks.astype(np.float32)
        zero = (np.float32(2 ** (self.bits - 1)) if self.zero_points is None
                else self.zero_points.reshape(self.n, -1, 1).astype(np.float32))
        values = (q - zero) * self.scales.reshape(self.n, -1, 1).astype(np.float32)
        return values.reshape(self.n, -1)[:, :self.k].T.copy()


def quantize_blockwise(weight: np.ndarray, block_size: int, bits: int) -> BlockQuantized:
    """Symmetric blockwise quantization of a (K, N) float matrix to 4 or 8 bits."""
    if bits not in (4, 8):
        raise ValueError(f"MatMulNBits takes 4 or 8 bits here, not {bits}")
    k, n = weight.shape
    if k % block_size:
        raise ValueError(f"K={k} is not a multiple of the block size {block_size}")
    zero = 2 ** (bits - 1)
    blocks = weight.T.reshape(n, k // block_size, block_size).astype(np.float32)
    # MLAS maps the value of largest magnitude to -zero, so its sign picks the scale's sign and the
    # full range [-zero, zero - 1] is used.
    idx = np.abs(blocks).argmax(axis=2)[..., None]
    extreme = np.take_along_axis(blocks, idx, axis=2)[..., 0]
    scales = (extreme / -float(zero)).astype(np.float32)
    with np.errstate(divide="ignore", invalid="ignore"):
        recip = np.where(scales != 0, 1.0 / scales, 0.0).astype(np.float32)
    # Like MLAS: add the zero point in float32, then round half away from zero. Rounding first
    # (or half to even) flips about one value in 100,000 against the builder's output.
    shifted = (blocks * recip[..., None]).astype(np.float32) + np.float32(zero)
    floor = np.floor(shifted)
    rounded = np.where(shifted - floor >= 0.5, floor + 1, floor)
    q = np.clip(rounded, 0, 2 * zero - 1).astype(np.uint8)
    packed = (q[..., 0::2] | (q[..., 1::2] << 4)).astype(np.uint8) if bits == 4 else q
    return BlockQuantized(k, n, bits, block_size, packed, scales)


def quantize_int4(weight: np.ndarray, block_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Quantize a (K, N) float matrix; returns packed uint8 (N, K/block, block/2) and scales (N, K/block)."""
    q = quantize_blockwise(weight, block_size, 4)
    return q.packed, q.scales


def dequantize_int4(packed: np.ndarray, scales: np.ndarray, k: int, n: int, block_size: int) -> np.ndarray:
    """The (K, N) float matrix that MatMulNBits multiplies by (no zero points: zero is 8)."""
    return BlockQuantized(k, n, 4, block_size, packed, scales).dequantize()
