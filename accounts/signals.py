"""What accounts tells the apps above it, without importing them (accounts is identity only).

``address_verified`` is sent once a person has proved that they own their address (the sign-up
link confirmed with its password, or a password chosen from a reset link). The apps that keep
something for an address connect to it in their ``AppConfig.ready()`` — cooperatives attaches
the memberships added under that address — and each receiver answers with the names of what the
person joined, which the welcome message lists.
"""

from django.dispatch import Signal

address_verified = Signal()  # sent with user=<the verified user>


def announce_verified(user):
    """Send ``address_verified`` for ``user``; the names of what they joined, in order."""
    responses = address_verified.send(sender=type(user), user=user)
    return [name for _receiver, names in responses for name in names or ()]
