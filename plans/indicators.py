"""Pure functions over the answer counts of one statement (no database, easy to test by hand).

Disagreement: the share of respondents in the minority camp between "Oui" and "Non",
``min(oui, non) / total``. It is 0 % when nobody contradicts the majority and reaches 50 %
when the team is cut in two halves. "?" answers are left out of the camps on purpose: a "?"
says the information is missing, not that the person disagrees; the page shows the share of
"?" as a signal of its own. We chose it over a normalised entropy of the three shares because
it reads in one sentence ("une personne sur trois pense le contraire de la majorité") and does
not mix the two signals.
"""

from decimal import Decimal

YES, UNSURE, NO = "yes", "unsure", "no"

# Thresholds of the words shown beside the number (one person in ten, one in four).
MODERATE, STRONG = Decimal(10), Decimal(25)


def disagreement(yes, unsure, no):
    """Percentage (0–50) of respondents who gave the minority answer between Oui and Non."""
    total = yes + unsure + no
    if not total:
        return Decimal(0)
    return Decimal(min(yes, no) * 100) / total


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
