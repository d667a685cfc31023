from django.shortcuts import render

from cooperatives.access import memberships_of


def home(request):
    memberships = memberships_of(request.user) if request.user.is_authenticated else []
    return render(request, "home.html", {"memberships": memberships})
