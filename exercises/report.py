"""What the exercises put in printed documents (the compte rendu's chapter, the charter's PDF):
only what the team has filled, in a bounded number of queries."""

from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from cooperatives.models import Cooperative
from exercises import diagram, services
from exercises.models import Arrangement, Charter, Discussion, InfoCard, TimeNote

# The compte rendu carries the latest discussion spaces; the page lists them all.
DISCUSSIONS_IN_REPORT = 6


def charter_context(charter):
    return {"charter": charter, "rules": services.rules_by_purpose(charter)}


def diagram_rows(cards):
    """(number, card, current place, target place or "") for the diagram's table."""
    names = diagram.quadrants()
    return [
        (n, c, names[c.place].label, names[c.target].label if c.moves else "")
        for n, c in enumerate(cards, start=1)
    ]


def chapter(cooperative):
    """{"exercises": {...}} with what was filled (the charter in force, the time board if any
    note or arrangement exists, the latest discussions), or {} when nothing was: no chapter.
    One query when nothing was filled (the report of most sessions), seven at most."""
    mine = {"cooperative": OuterRef("pk")}
    filled = (
        Cooperative.objects.filter(pk=cooperative.pk)
        .annotate(
            has_charter=Exists(Charter.objects.filter(**mine, adopted_on__isnull=False)),
            has_notes=Exists(TimeNote.objects.filter(**mine)),
            has_arrangements=Exists(Arrangement.objects.filter(**mine)),
            has_discussions=Exists(Discussion.objects.filter(**mine)),
            has_cards=Exists(InfoCard.objects.filter(**mine)),
        )
        .values("has_charter", "has_notes", "has_arrangements", "has_discussions", "has_cards")
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
    cards = filled["has_cards"] and list(cooperative.info_cards.all())
    return {
        "exercises": {
            **(charter_context(charter) if charter else {}),
            "cards": cards and diagram_rows(cards),
            "diagram_svg": cards and mark_safe(diagram.svg(cards)),  # noqa: S308 - escaped
            "time": time,
            "discussions": discussions,
        }
    }


def summary_section(cooperative):
    """The exercises' section of the compte rendu page (plans.theme_tools), "" when nothing was
    filled: the same chapter as the PDF's, with links to each exercise's page."""
    context = chapter(cooperative)
    if not context:
        return ""
    return render_to_string("exercises/_summary.html", {"cooperative": cooperative, **context})


def export(cooperative):
    """{"exercises": {...}}: everything the team wrote in the exercises, for the cooperative's
    data export (reports.cooperative_data). Seven queries."""
    charters = cooperative.charters.prefetch_related("rules").order_by("version")
    return {
        "exercises": {
            "charters": [
                {
                    "version": c.version,
                    "adopted_on": c.adopted_on.isoformat() if c.adopted_on else None,
                    "rules": [
                        {"purpose": r.purpose, "tool": r.tool}
                        | {name: getattr(r, name) for name in r.FIELDS}
                        for r in c.rules.all()
                    ],
                }
                for c in charters
            ],
            "time_notes": [
                {"dimension": n.dimension, "kind": n.kind, "text": n.text}
                for n in cooperative.time_notes.all()
            ],
            "arrangements": [
                {"text": a.text, "decided_on": a.decided_on.isoformat()}
                for a in cooperative.time_arrangements.all()
            ],
            "discussions": [
                {
                    "held_on": d.held_on.isoformat(),
                    "theme": d.theme,
                    "questions": d.questions,
                    "record": d.record,
                    "decisions": d.decisions,
                }
                for d in cooperative.discussions.all()
            ],
            "information_diagram": [
                {"information": c.label, "channel": c.channel, "place": c.place, "target": c.target}
                for c in cooperative.info_cards.all()
            ],
            # The boards' recorded states (compared over time): the copies as they were stored.
            "board_states": [
                {"board": s.board, "taken_on": s.taken_on.isoformat(), "data": s.data}
                for s in cooperative.board_snapshots.order_by("board", "taken_on", "pk")
            ],
        }
    }
