"""Arrow values built from their buffers (graph.arrow) hold what pyarrow's own
constructors would, sliced or chunked, with nulls and text of any kind."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.arrow import integers, numbers, strings, text

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)


@given(st.lists(st.one_of(st.none(), TEXT), max_size=30))
def test_strings_equal_pyarrows_own(values) -> None:
    built = strings(values)
    assert built.equals(pa.array(values, pa.string()))
    assert built.null_count == values.count(None)


@given(TEXT)
def test_a_text_scalar_holds_its_value(value) -> None:
    assert text(value).as_py() == value


KINDS = {"int32": pa.int32(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}


@given(st.sampled_from(sorted(KINDS)), st.lists(st.integers(-1000, 1000), max_size=40),
       st.integers(0, 10), st.integers(0, 40))  # fmt: skip
def test_numbers_read_a_slice_of_any_column_as_numpy_does(kind, values, start, length) -> None:
    column = pa.array([bool(v % 2) if kind == "bool" else v for v in values], KINDS[kind])
    piece = column.slice(start, length)  # an offset into the buffers
    expected = np.array(piece.to_pylist(), dtype=bool if kind == "bool" else kind)
    assert np.array_equal(numbers(piece), expected)
    assert numbers(pa.chunked_array([piece, piece], KINDS[kind])).tolist() == 2 * expected.tolist()


def test_integers_take_the_arrow_type_asked_for() -> None:
    built = integers(np.array([5, -2, 7]), pa.int32())
    assert built.type == pa.int32() and built.to_pylist() == [5, -2, 7]


def test_a_column_with_nulls_has_no_numpy_form() -> None:
    with pytest.raises(ValueError, match="nulls"):
        numbers(pa.array([1, None], pa.int64()))
