"""Arrow values made from their buffers, for the stored answers.

``pa.array`` and ``pa.scalar`` import pandas (0.3 s, a third of a stored answer's time)
the first time a Python value becomes Arrow, and so does any compute function given a
Python value. An array built from its buffers does not; these helpers build them.

>>> import pyarrow.compute as pc
>>> pc.equal(strings(["a", "b"]), text("b")).to_pylist()
[False, True]
>>> integers(np.array([3, 1]), pa.int32()).to_pylist()
[3, 1]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa


def strings(values: Sequence[str | None]) -> pa.Array:
    """``values`` as an Arrow string array (None becomes null).

    >>> strings(["a", None, "é"]).to_pylist()
    ['a', None, 'é']
    """
    encoded = [b"" if v is None else v.encode() for v in values]
    offsets = np.zeros(len(encoded) + 1, np.int64)
    np.cumsum(np.fromiter(map(len, encoded), np.int64, len(encoded)), out=offsets[1:])
    if offsets[-1] >= 2**31:
        raise ValueError("more than 2 GB of text in one array")
    valid = np.fromiter((v is not None for v in values), bool, len(values))
    bitmap = None if valid.all() else pa.py_buffer(np.packbits(valid, bitorder="little"))
    data = pa.py_buffer(b"".join(encoded))
    return pa.StringArray.from_buffers(
        len(encoded), pa.py_buffer(offsets.astype(np.int32)), data, bitmap
    )


def text(value: str) -> pa.Scalar:
    """``value`` as an Arrow string scalar.

    >>> text("x").as_py()
    'x'
    """
    return strings([value])[0]


INT64 = pa.int64()


def integers(values: np.ndarray, kind: pa.DataType = INT64) -> pa.Array:
    """The integers ``values`` as an Arrow array of integer type ``kind``, without nulls.

    >>> integers(np.array([1, 2]), pa.int8()).type
    DataType(int8)
    """
    data = np.ascontiguousarray(values, dtype=np.dtype(str(kind)))
    return pa.Array.from_buffers(kind, len(data), [None, pa.py_buffer(data)])


def numbers(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A numeric or boolean Arrow column without nulls as a numpy array, read from its
    buffers (``to_numpy`` imports pandas).

    >>> numbers(pa.chunked_array([integers(np.array([1, 2])), integers(np.array([3]))]))
    array([1, 2, 3])
    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if values.null_count:
        raise ValueError("a column with nulls has no numpy form here")
    n, start = len(values), values.offset
    buffer = values.buffers()[1]
    if pa.types.is_boolean(values.type):
        bits = np.unpackbits(np.frombuffer(buffer, np.uint8), bitorder="little")
        return bits[start : start + n].astype(bool)
    kind = np.dtype(str(values.type))
    return np.frombuffer(buffer, kind, count=n, offset=start * kind.itemsize)
