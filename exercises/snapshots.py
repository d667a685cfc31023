"""The information diagram and the time board compared over time (issue 17): the facilitator
records « l'état du tableau » on a date, and anyone of the team puts two states side by side —
two recorded ones, or one and the board as it is now — with what moved between them.

A state is a copy of plain values (``board_data``), so it never changes when the board does and
holds nothing but what the team wrote on the board (no author, no id of a card or a note)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from exercises import diagram, services
from exercises.models import BoardSnapshot

DIAGRAM, TIME = BoardSnapshot.Board.DIAGRAM, BoardSnapshot.Board.TIME
NOW = "maintenant"  # the comparison's choice for the board as it is now


def board_data(cooperative, board):
    """The board's items now, as the snapshot stores them. Diagram: one query; time: two."""
    if board == DIAGRAM:
        return {
            "cards": [
                {"label": c.label, "channel": c.channel, "place": c.place, "target": c.target}
                for c in cooperative.info_cards.all()
            ]
        }
    return {
        "notes": [
            {"dimension": n.dimension, "kind": n.kind, "text": n.text}
            for n in cooperative.time_notes.all()
        ],
        "arrangements": [
            {"text": a.text, "decided_on": a.decided_on.isoformat()}
            for a in cooperative.time_arrangements.order_by("decided_on", "pk")
        ],
    }


def is_empty(data):
    return not any(data.values())


def take(cooperative, board, user):
    """Record the board's state today; None when the board is empty (nothing to compare)."""
    data = board_data(cooperative, board)
    if is_empty(data):
        return None
    return BoardSnapshot.objects.create(
        cooperative=cooperative, board=board, data=data, created_by=user
    )


# --- Drawing a state ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    """A card of a recorded state, with what diagram.svg and the table read."""

    label: str
    channel: str
    place: str
    target: str = ""

    @property
    def moves(self):
        return bool(self.target) and self.target != self.place


def _cards(data):
    quadrants = set(diagram.quadrants())
    return [
        Card(c["label"], c["channel"], c["place"], c["target"] if c["target"] in quadrants else "")
        for c in data.get("cards", [])
        if c.get("place") in quadrants
    ]


def _time(data):
    """(Dimension, [constraint texts], [leeway texts]) per time, and the arrangements."""
    texts = {}
    for note in data.get("notes", []):
        texts.setdefault((note["dimension"], note["kind"]), []).append(note["text"])
    board = [
        (d, texts.get((code, "constraint"), []), texts.get((code, "leeway"), []))
        for code, d in services.dimensions().items()
    ]
    return board, [a["text"] for a in data.get("arrangements", [])]


@dataclass
class State:
    """One side of the comparison: a recorded state (``snapshot``) or the board now."""

    board: str
    data: dict
    snapshot: BoardSnapshot | None = None

    @property
    def is_now(self):
        return self.snapshot is None

    def view(self):
        if self.board == DIAGRAM:
            cards = _cards(self.data)
            return {"svg": diagram.svg(cards), "rows": _diagram_rows(cards)}
        board, arrangements = _time(self.data)
        return {"time_board": board, "arrangements": arrangements}


def _diagram_rows(cards):
    names = diagram.quadrants()
    return [
        (n, c, names[c.place].label, names[c.target].label if c.moves else "")
        for n, c in enumerate(cards, start=1)
    ]


# --- What moved -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed", "moved", "target"
    text: str
    before: str = ""
    after: str = ""


def _key(text):
    return " ".join(text.split()).casefold()


def differences(board, before, after):
    """What moved from the state ``before`` to ``after`` (dicts of board_data)."""
    if board == DIAGRAM:
        return _diagram_differences(before, after)
    return _time_differences(before, after)


def _diagram_differences(before, after):
    names = {code: q.label for code, q in diagram.quadrants().items()}
    old = {_key(c.label): c for c in _cards(before)}
    new = {_key(c.label): c for c in _cards(after)}
    none = _("pas de cible")
    changes = []
    for key, card in new.items():
        was = old.get(key)
        if was is None:
            changes.append(Change("added", card.label, after=names[card.place]))
            continue
        if was.place != card.place:
            changes.append(Change("moved", card.label, names[was.place], names[card.place]))
        if (was.target if was.moves else "") != (card.target if card.moves else ""):
            changes.append(
                Change(
                    "target",
                    card.label,
                    names[was.target] if was.moves else none,
                    names[card.target] if card.moves else none,
                )
            )
    changes += [
        Change("removed", c.label, before=names[c.place]) for k, c in old.items() if k not in new
    ]
    return changes


def _time_differences(before, after):
    dimensions = {code: d.label for code, d in services.dimensions().items()}
    kinds = {"constraint": _("contrainte"), "leeway": _("marge de manœuvre")}

    def notes(data):
        return {
            (n["dimension"], n["kind"], _key(n["text"])): n
            for n in data.get("notes", [])
            if n.get("dimension") in dimensions and n.get("kind") in kinds
        }

    def where(note):
        return f"{dimensions[note['dimension']]} · {kinds[note['kind']]}"

    old, new = notes(before), notes(after)
    changes = [Change("added", n["text"], after=where(n)) for k, n in new.items() if k not in old]
    changes += [
        Change("removed", n["text"], before=where(n)) for k, n in old.items() if k not in new
    ]
    decided = _("aménagement décidé")
    old_a = {_key(a["text"]): a for a in before.get("arrangements", [])}
    new_a = {_key(a["text"]): a for a in after.get("arrangements", [])}
    changes += [
        Change("added", a["text"], after=decided) for k, a in new_a.items() if k not in old_a
    ]
    changes += [
        Change("removed", a["text"], before=decided) for k, a in old_a.items() if k not in new_a
    ]
    return changes
