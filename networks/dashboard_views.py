"""The network's dashboard, for its advisers only (issue 16): how many cooperatives shared what,
and per theme the distribution across cooperatives, for the whole network or one of the fixed
filters. The figures are networks.figures'; the page only draws them (charts in SVG, Chart.js
over them, and always the same numbers in tables)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from networks import figures
from networks.access import get_network_for

FILTER_PARAM = "filtre"


def board_for(network, request):
    """(dashboard, error): the cell asked for by the `filtre` parameter, or the whole network
    with an error message when it names no cell shown (a hidden one is refused with the same
    words as a value no cooperative has: finding i-5)."""
    param = request.GET.get(FILTER_PARAM, "")
    try:
        return figures.dashboard(network, param), None
    except ValueError:
        return figures.dashboard(network), _(
            "Ce filtre n’existe pas pour ce réseau ou n’y est pas proposé : voici tout le réseau."
        )


@login_required
def dashboard(request, slug):
    network, adviser = get_network_for(request, slug)
    board, error = board_for(network, request)
    context = {
        "network": network,
        "adviser": adviser,
        "board": board,
        "error": error,
        "filter_param": figures.key_param(board.key),
    }
    if board.shown and board.themes:
        context["radar_svg"], context["boxplot_svg"] = board.radar_svg, board.boxplot_svg
        context["chart_data"] = board.chart_data
    return render(request, "networks/dashboard.html", context, status=400 if error else 200)
