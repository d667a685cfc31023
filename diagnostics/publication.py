"""What the facilitator has been shown, and when something new may be shown.

The adversary is first the facilitator. Results shown twice — published while the session is
open, then final at closing — could be subtracted: the difference is the answers of whoever
submitted in between. So the results a session shows are always a stored copy (its
`results_snapshot`), and a new copy replaces it only when the set of submitted sheets behind it
differs from the one behind the copy already shown by at least k sheets. Otherwise the copy
shown stays the session's results, after closing too: the page says how many later sheets it
leaves out, and why.

Every page, PDF, CSV and export reads results through `diagnostics.scoring.compute_results`,
which reads this copy: no view can show a number the rule did not let through. Submitted sheets
are frozen (never edited, never deleted with an account), so the set only grows while the
session is open; the copy keeps the ids of its sheets (ids of sheets, not of people) so that the
rule stays exact even if one ever disappeared.
"""

from diagnostics.models import Respondent


def snapshot(session, counts):
    """A copy of the results as they are now: {respondents, sheets, counts}."""
    sheets = sorted(
        Respondent.objects.submitted().filter(session=session).values_list("pk", flat=True)
    )
    return {
        "respondents": len(sheets),
        "sheets": sheets,
        "counts": {str(k): list(v) for k, v in counts.items()},
    }


def sheets_changed(session, sheets):
    """How many sheets differ between `sheets` (ids, now) and the copy already shown."""
    shown = session.results_snapshot
    if shown is None:
        return None
    if "sheets" not in shown:  # a copy from before sheet ids were kept: compare counts
        return abs(len(sheets) - shown["respondents"])
    return len(set(sheets) ^ set(shown["sheets"]))


def may_replace(session, candidate):
    """Whether `candidate` (a fresh snapshot) may replace what is shown. In open mode the team
    chose to answer without anonymity, so there is nothing to protect by holding results back."""
    changed = sheets_changed(session, candidate["sheets"])
    return changed is None or session.open_mode or changed >= session.anonymity_threshold


def enough_to_show(session, respondents):
    return respondents >= session.anonymity_threshold or (session.open_mode and respondents > 0)


def left_out(session, submitted):
    """Submitted sheets that the results shown do not count (fewer than k since the copy)."""
    shown = session.results_snapshot
    if shown is None:
        return 0
    return max(submitted - shown["respondents"], 0)
