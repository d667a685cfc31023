"""How the results page words a statement's counts (no database, easy to test by hand).

The disagreement itself is a scoring rule (`diagnostics.scoring.disagreement`); here are the
words shown beside it and the answer that prefills the consolidation.
"""

from decimal import Decimal

YES, UNSURE, NO = "yes", "unsure", "no"

# Thresholds of the words shown beside the number (one person in ten, one in four).
MODERATE, STRONG = Decimal(10), Decimal(25)


def disagreement_level(share):
    """ "low", "moderate" or "strong": the word shown beside the percentage."""
    if share >= STRONG:
        return "strong"
    if share >= MODERATE:
        return "moderate"
    return "low"


def most_frequent(yes, unsure, no):
    """The answer given most often, used to prefill the consolidation.

    A tie (e.g. as many Oui as Non) gives "?": the team has not agreed yet, so the form must not
    pretend it has; the facilitator settles it with the team during the meeting.
    """
    counts = {YES: yes, UNSURE: unsure, NO: no}
    top = max(counts.values())
    winners = [value for value, count in counts.items() if count == top]
    return winners[0] if len(winners) == 1 else UNSURE
