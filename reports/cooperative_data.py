"""The cooperative's data, for its facilitators: export everything (never one person's
answers), or delete everything."""

from diagnostics import scoring


def export(cooperative):
    sessions = list(
        cooperative.sessions.select_related("previous").prefetch_related(
            "consolidated_answers__statement",
            "actions__theme",
            "actions__owner_membership__user",
        )
    )
    participation = scoring.participation_by_session(sessions)
    # Every visible session's scores in one query (or none: copies are stored at closing).
    results_of = scoring.theme_scores(
        [
            (s, c.submitted)
            for s, c in participation
            if scoring.hidden_reason(s, c.submitted) is None
        ]
    )
    exported = []
    for session, counts in participation:
        item = {
            "title": session.title,
            "status": session.status,
            "anonymity_threshold": session.anonymity_threshold,
            "open_mode": session.open_mode,
            "created_at": session.created_at.isoformat(),
            "opened_at": session.opened_at.isoformat() if session.opened_at else None,
            "closed_at": session.closed_at.isoformat() if session.closed_at else None,
            "submitted": counts.submitted,
            "previous": session.previous.title if session.previous_id else None,
            "results": None,
            "consolidated_answers": [
                {"statement": c.statement.code, "answer": c.value, "note": c.note}
                for c in session.consolidated_answers.all()
            ],
            "actions": [
                {
                    "theme": a.theme.title,
                    "step": a.step,
                    "title": a.title,
                    "description": a.description,
                    "owner": a.owner,
                    "due_date": a.due_date.isoformat() if a.due_date else None,
                    "status": a.status,
                    "indicator": a.indicator,
                }
                for a in session.actions.all()
            ],
        }
        if (results := results_of.get(session.pk)) is not None:
            item["results"] = [
                {
                    "theme": t.theme.title,
                    "score": str(t.score),
                    "statements": [
                        {
                            "statement": s.statement.text,
                            "yes": s.yes,
                            "unsure": s.unsure,
                            "no": s.no,
                        }
                        for s in t.statements
                    ],
                }
                for t in results.themes
            ]
        exported.append(item)
    return {
        "cooperative": {
            "name": cooperative.name,
            "legal_form": cooperative.legal_form,
            "departement": cooperative.departement,
            "headcount": cooperative.headcount,
            "created_at": cooperative.created_at.isoformat(),
        },
        "members": [
            {"email": m.email, "role": m.role, "has_account": m.user_id is not None}
            for m in cooperative.memberships.all()
        ],
        "sessions": exported,
    }
