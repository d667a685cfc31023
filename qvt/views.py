from django.shortcuts import render

from cooperatives.access import memberships_of
from networks.access import invitations_for, networks_of


def home(request):
    memberships = memberships_of(request.user) if request.user.is_authenticated else []
    # An adviser (« accompagnateur·rice ») reaches their networks from here, and a facilitator
    # sees the networks' invitations waiting for their cooperatives' answer (issue 16).
    return render(
        request,
        "home.html",
        {
            "memberships": memberships,
            "networks": networks_of(request.user),
            "network_invitations": invitations_for(request.user),
        },
    )
