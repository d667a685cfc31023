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

Paper sheets (issue 15) are typed in by the facilitator, who therefore knows each of them: the
results minus the paper sheets are the online sheets' results. So the online part must itself
be k-anonymous — no online sheet, or at least k — and so must every difference between two
copies shown: paper sheets never help isolate an online one (`enough_to_show`, `may_replace`).
A facilitator who types k − 1 made-up sheets beside one real online answer sees nothing.
"""

from diagnostics.models import Respondent


def snapshot(session, counts):
    """A copy of the results as they are now: {respondents, sheets, paper, counts} (`paper`:
    the ids of its paper sheets, among `sheets`)."""
    rows = sorted(
        Respondent.objects.submitted().filter(session=session).values_list("pk", "origin")
    )
    return {
        "respondents": len(rows),
        "sheets": [pk for pk, _origin in rows],
        "paper": [pk for pk, origin in rows if origin == Respondent.Origin.PAPER],
        "counts": {str(k): list(v) for k, v in counts.items()},
    }


def paper_of(shown):
    """The number of paper sheets behind a stored copy (none in copies from before paper)."""
    return len(shown.get("paper", ()))


def sheet_counts(shown):
    """(sheets, paper sheets) behind a stored copy: the arguments of `enough_to_show`."""
    return shown["respondents"], paper_of(shown)


def sheets_changed(session, sheets):
    """How many sheets differ between `sheets` (ids, now) and the copy already shown."""
    shown = session.results_snapshot
    if shown is None:
        return None
    if "sheets" not in shown:  # a copy from before sheet ids were kept: compare counts
        return abs(len(sheets) - shown["respondents"])
    return len(set(sheets) ^ set(shown["sheets"]))


def online_changed(session, candidate):
    """How many online (not paper) sheets differ between `candidate` and the copy shown."""
    shown = session.results_snapshot
    now = set(candidate["sheets"]) - set(candidate.get("paper", ()))
    if "sheets" not in shown:  # a copy from before sheet ids were kept: it had no paper sheets
        return abs(len(now) - shown["respondents"])
    return len(now ^ (set(shown["sheets"]) - set(shown.get("paper", ()))))


def k_anonymous(session, count):
    """No sheet, or at least k: a part of the sheets that may be told apart from the rest."""
    return count == 0 or count >= session.anonymity_threshold


def may_replace(session, candidate):
    """Whether `candidate` (a fresh snapshot) may replace what is shown: k sheets changed, and
    the online ones among them none or k (the facilitator knows the paper ones). In open mode
    the team chose to answer without anonymity, so there is nothing to protect by holding
    results back."""
    changed = sheets_changed(session, candidate["sheets"])
    if changed is None or session.open_mode:
        return True
    return changed >= session.anonymity_threshold and k_anonymous(
        session, online_changed(session, candidate)
    )


def enough_to_show(session, respondents, paper=0):
    """Whether results of `respondents` sheets, `paper` of them on paper, may be shown: at
    least k sheets, and the online ones none or at least k."""
    if session.open_mode:
        return respondents > 0
    return respondents >= session.anonymity_threshold and k_anonymous(session, respondents - paper)


def online_below_threshold(session, respondents, paper):
    """Whether k sheets are there but results wait for the online part: 1 to k − 1 online
    sheets beside paper ones, which would show by difference."""
    return (
        not session.open_mode
        and respondents >= session.anonymity_threshold
        and not k_anonymous(session, respondents - paper)
    )


def left_out(session, submitted):
    """Submitted sheets that the results shown do not count (fewer than k since the copy)."""
    shown = session.results_snapshot
    if shown is None:
        return 0
    return max(submitted - shown["respondents"], 0)
