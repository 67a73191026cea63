"""The "Needs attention" tab: the rules for the link's filters, as of the data's date (or
the `to` date, if earlier). The thresholds are read once, at start: a bad setting stops
the server with its name rather than failing every page."""

import dash_bootstrap_components as dbc
from dash import Input, Output, callback

from callbacks.common import data, refusal, remembered
from callbacks.links import known_view
from callbacks.tabs import UNREADABLE, while_open
from dashboard.attention import Attention, needs_attention
from dashboard.config import attention_thresholds
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.filters import BadFilter, Filters
from dashboard.vocabulary.language import N_, _
from dashboard.vocabulary.scope import OutOfScope
from layouts import ids
from layouts.attention import attention_list

THRESHOLDS = attention_thresholds()
CANNOT_SHOW = N_("This link cannot be shown")


def attention_for(filters: Filters) -> Attention:
    """What needs attention in the selection, with the server's thresholds."""
    return needs_attention(data(), filters, THRESHOLDS)


@callback(Output(ids.ATTENTION, "children"), Input(ids.URL, "search"), Input(ids.VERSION, "data"))
@while_open("attention")
@remembered
def show_attention(search, _version):
    try:
        attention = attention_for(known_view(search).filters)
    except OutOfScope as error:
        return dbc.Alert(refusal(error), color="warning")
    except BadFilter:
        return dbc.Alert(_(CANNOT_SHOW), color="warning")
    except StoreUnavailable:
        return dbc.Alert(_(UNREADABLE), color="warning")
    return attention_list(attention)
