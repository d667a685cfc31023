"""What the exercises put in printed documents (the compte rendu's chapter, the charter's PDF):
only what the team has filled, in a bounded number of queries."""

from django.db.models import Exists, OuterRef

from cooperatives.models import Cooperative
from exercises import services
from exercises.models import Arrangement, Charter, Discussion, TimeNote

# The compte rendu carries the latest discussion spaces; the page lists them all.
DISCUSSIONS_IN_REPORT = 6


def charter_context(charter):
    return {"charter": charter, "rules": services.rules_by_purpose(charter)}


def chapter(cooperative):
    """{"exercises": {...}} with what was filled (the charter in force, the time board if any
    note or arrangement exists, the latest discussions), or {} when nothing was: no chapter.
    One query when nothing was filled (the report of most sessions), six at most."""
    mine = {"cooperative": OuterRef("pk")}
    filled = (
        Cooperative.objects.filter(pk=cooperative.pk)
        .annotate(
            has_charter=Exists(Charter.objects.filter(**mine, adopted_on__isnull=False)),
            has_notes=Exists(TimeNote.objects.filter(**mine)),
            has_arrangements=Exists(Arrangement.objects.filter(**mine)),
            has_discussions=Exists(Discussion.objects.filter(**mine)),
        )
        .values("has_charter", "has_notes", "has_arrangements", "has_discussions")
        .first()
    )
    if not filled or not any(filled.values()):
        return {}
    charter = services.current_charter(cooperative) if filled["has_charter"] else None
    has_time = filled["has_notes"] or filled["has_arrangements"]
    time = services.time_board(cooperative) if has_time else None
    discussions = filled["has_discussions"] and list(
        cooperative.discussions.all()[:DISCUSSIONS_IN_REPORT]
    )
    return {
        "exercises": {
            **(charter_context(charter) if charter else {}),
            "time": time,
            "discussions": discussions,
        }
    }
