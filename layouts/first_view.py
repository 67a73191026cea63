"""The dashboard's first view as HTML, for the page's index before any script: the header,
the phone's bar, the KPI tiles with their numbers and the map card with the map of the
states (`figures/first_map.py`), laid out as the app lays out its own (`layouts.dashboard`:
the same elements, Bootstrap columns and classes), so the app's view replaces it in place
(its script, `first_view.js`, follows it inline: no request of its own, allowed by its hash
in the page's policy, `app.py`). Readable without JavaScript: its links work, and the controls
that need the app are shown disabled until the app takes over.

Ids start with `first-view`: the page never holds one twice.
"""

from pathlib import Path

from markupsafe import Markup

from dashboard.tiles import Tile
from dashboard.viewstate import page_link
from dashboard.vocabulary.language import _, current
from layouts.dashboard import MAP_METRICS

ID = "first-view"
NOTHING = Markup("")
SCRIPT = Path(__file__).with_name("first_view.js").read_text(encoding="utf-8")


def first_view(tiles: list[Tile], as_of: str, picture: Markup, metric: str) -> Markup:
    """The page's top as the app draws it, with the tiles' numbers and the map `picture`
    (a figure, or words saying why not) shaded by `metric`. Not the language switch: in
    English its one Devanagari word would fetch the Hindi font (50 kB) while a slow
    network still brings the scripts; the app's own comes with the app."""
    row = Markup('<div class="row g-2 my-2">{}</div>').format(Markup("").join(map(tile, tiles)))
    return Markup(
        '<div id="{}" class="first-view" lang="{}">{}<main class="container-fluid">'
        '<div class="row"><div class="col-lg-9 offset-lg-3 col-xl-10 offset-xl-2">{}{}'
        '<div class="row"><div class="col-xl-8">{}</div></div></div></div></main></div>'
        "<script>{}</script>"
    ).format(
        ID,
        current(),
        _header(as_of),
        _phone_bar(),
        row,
        _map_card(picture, metric),
        Markup(SCRIPT),
    )


def tile(shown: Tile) -> Markup:
    """One KPI tile as `layouts.dashboard.kpi_tile` lays it out, with its numbers."""
    return Markup(
        '<div class="col-6 col-md-3 col-xxl"><div class="card kpi-tile h-100"><div '
        'class="card-body"><div class="kpi-label">{}</div><div class="kpi-value" '
        'data-metric="{}" title="{}">{}</div><div class="kpi-change">{}</div></div></div></div>'
    ).format(_(shown.label), shown.metric, shown.full, shown.value, shown.change)


def _header(as_of: str) -> Markup:
    """`layouts.dashboard.header`: the brief's button waits for the app; the links work."""
    return Markup(
        '<header class="border-bottom bg-white"><div class="container-fluid d-flex '
        'align-items-baseline gap-3 py-2"><h1 class="h4 mb-0">ECHO India</h1>'
        '<span class="text-muted d-none d-md-inline">{}</span>'
        '<span class="ms-auto small text-muted">{}</span>'
        '<button type="button" class="p-0 btn btn-link btn-sm" disabled title="{}">{}</button>'
        '<a href="{}" class="small">{}</a><a href="/logout" class="small">{}</a></div></header>'
    ).format(
        _("Hubs, programmes and reach across India"),
        as_of,
        _("A few A4 pages of this view, to hand round"),
        _("Download brief (PDF)"),
        page_link("/live"),
        _("Live screen"),
        _("Sign out"),
    )


def _phone_bar() -> Markup:
    """`layouts.dashboard.phone_bar`, below 992 px: the filters wait for the app."""
    return Markup(
        '<div class="phone-bar d-lg-none"><button type="button" class="btn btn-primary '
        'tap-target" disabled>{}</button>{}<a href="{}" class="tap-target ms-auto btn '
        'btn-outline-secondary" title="{}">{}</a></div>'
    ).format(
        _("Filters"),
        _breadcrumb("mb-0 phone-breadcrumb"),
        page_link("/"),
        _("Reset to India"),
        _("Reset"),
    )


def _breadcrumb(classes: str) -> Markup:
    return Markup(
        '<nav aria-label="{}" class="{}"><ol class="breadcrumb"><li class="breadcrumb-item '
        'active" aria-current="page">{}</li></ol></nav>'
    ).format("breadcrumb", classes, _("India"))  # dbc.Breadcrumb's own label


def _map_card(picture: Markup, metric: str) -> Markup:
    """`layouts.dashboard.map_card`: its breadcrumb and reset, its controls (disabled until
    the app takes over, the metric shown chosen), and the map."""
    choices = Markup("").join(
        Markup(
            '<div class="form-check form-check-inline"><input class="form-check-input" '
            'type="radio" id="{}-metric-{}" name="{}-metric" disabled{}>'
            '<label class="form-check-label" for="{}-metric-{}">{}</label></div>'
        ).format(
            ID, value, ID, Markup(" checked") if value == metric else NOTHING, ID, value, _(label)
        )
        for value, label in MAP_METRICS
    )
    white = Markup(
        '<div class="form-check form-switch small"><input class="form-check-input" '
        'type="checkbox" role="switch" id="{}-white" disabled><label class="form-check-label" '
        'for="{}-white">{}</label></div>'
    ).format(ID, ID, _("Only districts never reached"))
    top = Markup(
        '<div class="d-flex align-items-center gap-2 mb-2">{}<a href="{}" class="ms-auto btn '
        'btn-outline-secondary btn-sm">{}</a></div>'
    ).format(_breadcrumb("mb-0"), page_link("/"), _("Reset to India"))
    go_to = Markup(
        '<div class="d-flex align-items-center gap-2 small"><label class="small mb-0 text-nowrap '
        'form-label" for="{}-go-to">{}</label><select id="{}-go-to" class="form-select '
        'form-select-sm first-view-go-to" disabled><option>{}</option></select></div>'
    ).format(ID, _("Go to"), ID, _("Choose a state or UT"))
    controls = Markup(
        '<div class="d-flex flex-wrap align-items-center gap-3 mb-2"><div class="small">{}'
        "</div>{}{}</div>"
    ).format(choices, white, go_to)
    return Markup(
        '<section class="card mb-3" aria-labelledby="{}-map-heading"><div class="card-header">'
        '<div class="d-flex align-items-center gap-2"><h2 class="h6 mb-0 me-auto" '
        'id="{}-map-heading">{}</h2></div></div><div class="card-body">{}{}{}</div></section>'
    ).format(ID, ID, _("Map"), top, controls, picture)
