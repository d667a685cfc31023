"""What the exercises put in printed documents (the compte rendu's chapter, the charter's PDF):
only what the team has filled, in a bounded number of queries."""

from exercises import services

# The compte rendu carries the latest discussion spaces; the page lists them all.
DISCUSSIONS_IN_REPORT = 6


def charter_context(charter):
    return {"charter": charter, "rules": services.rules_by_purpose(charter)}


def chapter(cooperative):
    """{"exercises": {...}} with what was filled (the charter in force, the time board if any
    note or arrangement exists, the latest discussions), or {} when nothing was: no chapter."""
    charter = services.current_charter(cooperative)
    time = services.time_board(cooperative)
    has_time = time["arrangements"] or any(c or lw for _d, c, lw in time["board"])
    discussions = list(cooperative.discussions.all()[:DISCUSSIONS_IN_REPORT])
    if not (charter or has_time or discussions):
        return {}
    return {
        "exercises": {
            **(charter_context(charter) if charter else {}),
            "time": time if has_time else None,
            "discussions": discussions,
        }
    }
