"""Shared look of every figure: colour-blind-safe scales and the offline chart toolbar."""

import plotly.graph_objects as go

SEQUENTIAL = "Viridis"  # perceptually uniform and colour-blind safe
SECTOR_COLOURS = {
    "health": "#0072B2",
    "education": "#E69F00",
    "other": "#009E73",
}  # Okabe-Ito
NEUTRAL = "#d9d9d9"
WHITE_SPOT = "#ffffff"
WHITE_SPOT_EDGE = "#595959"  # a white fill needs a dark edge to show, on the map and in the legend
BORDER = "#8c8c8c"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

GRAPH_CONFIG = {
    "displaylogo": False,
    "showSendToCloud": False,
    "topojsonURL": "/assets/topojson/",
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def base_layout(figure: go.Figure, title: str | None = None) -> go.Figure:
    figure.update_layout(
        title=title,
        font={"family": FONT, "size": 13},
        margin={"l": 0, "r": 0, "t": 30 if title else 0, "b": 0},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return figure


def empty(message: str) -> go.Figure:
    """A figure that says in words why there is nothing to draw."""
    figure = go.Figure()
    figure.add_annotation(text=message, showarrow=False, font={"size": 16}, x=0.5, y=0.5)
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return base_layout(figure)


def hover(line: str) -> str:
    """Hover text: the name in customdata[0] in bold, then `line`."""
    return f"<b>%{{customdata[0]}}</b><br>{line}<extra></extra>"
