"""The review of the previous session's plan, shown at the top of a follow-up session's results.

It reads only plans' own Actions of the previous session, so it lives in plans, below the
followup app that tracks action status over time; the results page (plans) needs it.
"""

from dataclasses import dataclass

from plans.services import actions_of


@dataclass(frozen=True)
class Review:
    """The previous session's plan, read again when the team runs the diagnostic again."""

    previous: object
    actions: list

    @property
    def open_actions(self):
        return [a for a in self.actions if not a.is_closed]

    @property
    def closed_count(self):
        return sum(1 for a in self.actions if a.is_closed)


def review_of(session):
    """The review of the previous session's plan, or None (two queries for a follow-up)."""
    if not session.previous_id:
        return None
    previous = session.previous
    if previous.cooperative_id != session.cooperative_id:  # clean() forbids it; never show it
        return None
    return Review(previous=previous, actions=list(actions_of(previous)))
