"""The answer that prefills the consolidation (no database, easy to test by hand).

The disagreement and the split are scoring rules (`diagnostics.scoring`).
"""

YES, UNSURE, NO = "yes", "unsure", "no"


def most_frequent(yes, unsure, no):
    """The answer given most often, used to prefill the consolidation.

    A tie (e.g. as many Oui as Non) gives "?": the team has not agreed yet, so the form must not
    pretend it has; the facilitator settles it with the team during the meeting.
    """
    counts = {YES: yes, UNSURE: unsure, NO: no}
    top = max(counts.values())
    winners = [value for value, count in counts.items() if count == top]
    return winners[0] if len(winners) == 1 else UNSURE
