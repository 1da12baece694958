"""The QR mask the ``qrcode`` library would choose, found without its eight trial codes.

``qrcode`` picks a mask by building the whole symbol eight times and scoring
each with its pure-Python penalty rules: about 80% of encoding a receipt's QR,
and a quarter of the whole receipt (docs/performance.md). Here the symbol is
built once, the eight masked variants are XORs of its data modules, and the
same four penalty rules are counted with numpy. The result is the very mask
``qrcode`` chooses (``tests/documents/test_documents_qr_mask.py`` compares
both on thousands of payloads), so the printed code does not change.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import qrcode
from numpy.lib.stride_tricks import sliding_window_view

Modules = npt.NDArray[np.bool_]

# Dark-light runs of 1:1:3:1:1 with four light modules on either side (penalty rule 3).
_FINDER_LIKE = (
    np.array([1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0], dtype=bool),
    np.array([0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1], dtype=bool),
)


def _mask_grids(size: int) -> list[Modules]:
    """Where each of the eight masks of ISO/IEC 18004 flips a module."""
    i, j = np.indices((size, size))
    return [
        (i + j) % 2 == 0,
        i % 2 == 0,
        j % 3 == 0,
        (i + j) % 3 == 0,
        (i // 2 + j // 3) % 2 == 0,
        (i * j) % 2 + (i * j) % 3 == 0,
        ((i * j) % 2 + (i * j) % 3) % 2 == 0,
        ((i * j) % 3 + (i + j) % 2) % 2 == 0,
    ]


def _runs_penalty(symbols: Modules) -> npt.NDArray[np.int64]:
    """Rule 1 along rows, per symbol: each run of five or more same-coloured modules
    scores its length - 2. ``symbols`` is (count, size, size)."""
    count, size, _ = symbols.shape
    padded = np.full((count, size, size + 1), 2, dtype=np.int8)  # 2 ends every row
    padded[:, :, :size] = symbols
    flat = padded.ravel()
    starts = np.concatenate(([0], np.flatnonzero(flat[1:] != flat[:-1]) + 1))
    lengths = np.diff(np.concatenate((starts, [flat.size])))
    scored = (flat[starts] != 2) & (lengths >= 5)
    owner = starts[scored] // (size * (size + 1))
    return np.bincount(owner, weights=lengths[scored] - 2, minlength=count).astype(np.int64)


def _finder_like_count(symbols: Modules) -> npt.NDArray[np.int64]:
    windows = sliding_window_view(symbols, 11, axis=2)
    found = [(windows == pattern).all(axis=3).sum(axis=(1, 2)) for pattern in _FINDER_LIKE]
    return np.asarray(found[0] + found[1], dtype=np.int64)


def penalties(symbols: Modules) -> list[int]:
    """The four penalty rules of each symbol of ``symbols`` (count, size, size),
    scored exactly as ``qrcode.util.lost_point`` scores one."""
    size = symbols.shape[1]
    columns = symbols.transpose(0, 2, 1)
    score = _runs_penalty(symbols) + _runs_penalty(columns)
    corner = symbols[:, :-1, :-1]
    blocks = (corner == symbols[:, 1:, :-1]) & (corner == symbols[:, :-1, 1:])
    score += 3 * (blocks & (corner == symbols[:, 1:, 1:])).sum(axis=(1, 2))
    score += 40 * (_finder_like_count(symbols) + _finder_like_count(columns))
    result = []
    for points, dark in zip(score.tolist(), symbols.sum(axis=(1, 2)).tolist(), strict=True):
        percent = float(dark) / (size**2)
        result.append(int(points) + int(abs(percent * 100 - 50) / 5) * 10)
    return result


def best_mask(code: qrcode.QRCode) -> int:  # type: ignore[type-arg]
    """The mask ``code.best_mask_pattern()`` returns, for a code whose version is set."""
    code.makeImpl(True, 0)
    masked = np.array(code.modules, dtype=bool)
    size = masked.shape[0]
    # The function patterns and format areas as a test symbol has them; the rest is data.
    code.modules = [[None] * size for _ in range(size)]
    code.setup_position_probe_pattern(0, 0)
    code.setup_position_probe_pattern(size - 7, 0)
    code.setup_position_probe_pattern(0, size - 7)
    code.setup_position_adjust_pattern()
    code.setup_timing_pattern()
    code.setup_type_info(True, 0)
    if code.version >= 7:
        code.setup_type_number(True)
    data = np.array([[cell is None for cell in row] for row in code.modules], dtype=bool)
    grids = np.stack(_mask_grids(size))
    raw = masked ^ (grids[0] & data)
    scores = penalties(raw[np.newaxis] ^ (grids & data))
    return scores.index(min(scores))
