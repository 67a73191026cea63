"""Figures as renderers send them (plain dicts, arrays as base64) back to plotly objects."""

import base64
from typing import Any

import numpy as np
import plotly.graph_objects as go


def as_figure(sent: Any) -> go.Figure:
    return go.Figure(_decoded(sent))


def _decoded(value: Any) -> Any:
    if isinstance(value, dict) and {"dtype", "bdata"} <= set(value):
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = value.get("shape")
        if isinstance(shape, str):  # plotly writes "rows, columns"
            shape = tuple(int(n) for n in shape.split(","))
        return array.reshape(shape) if shape else array
    if isinstance(value, dict):
        return {k: _decoded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_decoded(v) for v in value]
    return value
