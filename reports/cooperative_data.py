"""The cooperative's data, for its facilitators: export everything (never one person's
answers), or delete everything."""

from diagnostics import scoring
from exercises import report as exercises


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
        **network_data(cooperative),
        # What the team wrote in the guide's exercises (issue 17).
        **exercises.export(cooperative),
    }


def network_data(cooperative):
    """What the cooperative's networks hold of it (issue 16): its memberships, the summary rows
    of the sessions it shared and the plans it shared (exactly what the networks read), and
    the advisers it let read its results. Four queries."""
    return {
        "networks": [
            {
                "network": m.network.name,
                "kind": m.network.kind,
                "status": m.status,
                "invited_at": m.invited_at.isoformat(),
                "answered_at": m.answered_at.isoformat() if m.answered_at else None,
            }
            for m in cooperative.network_memberships.select_related("network").order_by("pk")
        ],
        "shared_sessions": [
            {
                "session": s.session.title,
                "shared_at": s.shared_at.isoformat(),
                "year": s.year,
                "respondents": s.respondents,
                "theme_scores": s.theme_scores,
                "statement_counts": s.statement_counts,
            }
            for s in cooperative.shared_sessions.select_related("session").order_by("pk")
        ],
        "shared_plans": [
            {
                "session": p.session.title,
                "shared_at": p.shared_at.isoformat(),
                "priority_themes": p.priority_themes,
                "actions": p.actions,
            }
            for p in cooperative.shared_plans.select_related("session").order_by("pk")
        ],
        "adviser_grants": [
            {
                "adviser": str(g.adviser.user),
                "network": g.adviser.network.name,
                "granted_at": g.created_at.isoformat(),
            }
            for g in cooperative.adviser_grants.select_related(
                "adviser__user", "adviser__network"
            ).order_by("pk")
        ],
    }
