"""FICHE 2's information diagram: the four quadrants of the guide's two axes, and the diagram
drawn as SVG by a pure function (the page without JavaScript, and the compte rendu's PDF): each
card at its current place, and on the « cible » layer, in another colour, a dashed copy at its
target place with an arrow from the one to the other. The same cards are listed in a table."""

import textwrap
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _

from fiches.content_loader import load_exercises

# Quadrant code -> (index on the utility axis, index on the mode axis), as exercises.models.
AXES = {"op-impose": (0, 0), "op-libre": (0, 1), "vie-impose": (1, 0), "vie-libre": (1, 1)}


@dataclass(frozen=True)
class Quadrant:
    code: str
    utility: str  # « Information utile à l’opérationnel » …
    mode: str  # « Information en mode «imposé» » …

    @property
    def label(self):
        return f"{self.utility} · {self.mode}"


def quadrants():
    """{code: Quadrant} in reading order: operational first, imposed first."""
    content = load_exercises().diagram
    return {
        code: Quadrant(code, content.utility[u], content.mode[m]) for code, (u, m) in AXES.items()
    }


# The drawing: a 2×2 grid of QW×QH boxes under a header row, cards in slots of a box.
QW, MIN_QH, TOP, LEFT = 320, 230, 34, 0
# Two cards a row, each label written whole over as many lines as it needs (docs/vocabulary.md:
# a label is never a cut excerpt); every card of a drawing gets the height of the tallest.
CARD_W, CARD_H, GAP, PER_ROW = 148, 30, 8, 2
LINE_CHARS, LINE_H = 24, 13  # at 11 px, 24 characters fit in the card's 136 px of text
# The diagram's own styles (docs/vocabulary.md § Charts): no session series looks like them, so
# the « cible » never reads as the team's answer (orange dashed) nor the current place as the
# mean (blue solid). Ink, solid: where the information is now (15:1 on white); crimson, short
# dashes and an arrowhead: the target layer (7.5:1).
CURRENT, TARGET = "#262626", "#a4174a"
TARGET_DASH = "3 2"


def _slot(code, index, qh, card_h=CARD_H):
    u, m = AXES[code]
    col, row = index % PER_ROW, index // PER_ROW
    x = LEFT + m * QW + GAP + col * (CARD_W + GAP)
    y = TOP + u * qh + 44 + row * (card_h + GAP)
    return x, y


def _lines(number, label):
    return textwrap.wrap(f"{number}. {label}", LINE_CHARS, break_long_words=True) or [""]


def _text(x, y, lines, color):
    return "".join(
        f'<text x="{x + 6}" y="{y + 19 + i * LINE_H}" font-size="11" fill="{color}">'
        f"{escape(line)}</text>"
        for i, line in enumerate(lines)
    )


def _arrow(start, end, card_h=CARD_H):
    """From the edge of the card to the edge of its target copy, so the line never crosses the
    card's own words: along the axis where they are furthest apart."""
    (x, y), (tx, ty) = start, end
    dx, dy = tx - x, ty - y
    if abs(dx) >= abs(dy):
        return (
            (x + CARD_W if dx > 0 else x, y + card_h / 2),
            (tx if dx > 0 else tx + CARD_W, ty + card_h / 2),
        )
    return (
        (x + CARD_W / 2, y + card_h if dy > 0 else y),
        (tx + CARD_W / 2, ty if dy > 0 else ty + card_h),
    )


def svg(cards):
    """The diagram of `cards` (each numbered from 1 in the given order) as an SVG string."""
    names = quadrants()
    # Each box grows to hold its cards (current ones and target copies), so none spills over.
    counts = dict.fromkeys(names, 0)
    for card in cards:
        counts[card.place] += 1
        if card.moves:
            counts[card.target] += 1
    lines = {n: _lines(n, card.label) for n, card in enumerate(cards, start=1)}
    card_h = max([CARD_H] + [12 + len(ls) * LINE_H for ls in lines.values()])
    rows = max(-(-n // PER_ROW) for n in counts.values())
    QH = max(MIN_QH, 44 + rows * (card_h + GAP) + GAP)  # noqa: N806 - the drawing's constant
    # Outside the f-string: xgettext does not read calls inside one (it was never extracted).
    title = escape(_("Diagramme de classement des informations"))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {2 * QW} {TOP + 2 * QH}" '
        f'role="img" aria-labelledby="diagramme-svg-titre" class="info-diagram">',
        f'<title id="diagramme-svg-titre">{title}</title>',
        '<defs><marker id="fleche" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{TARGET}"/></marker></defs>',
    ]
    for code, quadrant in names.items():
        u, m = AXES[code]
        x, y = LEFT + m * QW, TOP + u * QH
        parts.append(
            f'<rect x="{x + 1}" y="{y + 1}" width="{QW - 2}" height="{QH - 2}" fill="#f7f7f7" '
            'stroke="#555"/>'
            # The guide's axis names, whole: the longest (53 characters) fits in the box.
            f'<text x="{x + 8}" y="{y + 18}" font-size="11" fill="#222">'
            f"{escape(quadrant.utility)}</text>"
            f'<text x="{x + 8}" y="{y + 33}" font-size="11" fill="#222">'
            f"{escape(quadrant.mode)}</text>"
        )
    used = dict.fromkeys(names, 0)
    places, targets = {}, {}
    for number, card in enumerate(cards, start=1):
        places[number] = _slot(card.place, used[card.place], QH, card_h)
        used[card.place] += 1
    for number, card in enumerate(cards, start=1):
        if card.moves:
            targets[number] = _slot(card.target, used[card.target], QH, card_h)
            used[card.target] += 1
    for number in places:
        x, y = places[number]
        parts.append(
            f'<g class="card"><rect x="{x}" y="{y}" width="{CARD_W}" height="{card_h}" rx="4" '
            f'fill="#fff" stroke="{CURRENT}" stroke-width="2"/>'
            f"{_text(x, y, lines[number], CURRENT)}</g>"
        )
        if number in targets:
            tx, ty = targets[number]
            (x1, y1), (x2, y2) = _arrow((x, y), (tx, ty), card_h)
            parts.append(
                f'<g class="target"><rect x="{tx}" y="{ty}" width="{CARD_W}" height="{card_h}" '
                f'rx="4" fill="#fff" stroke="{TARGET}" stroke-width="2" '
                f'stroke-dasharray="{TARGET_DASH}"/>'
                f"{_text(tx, ty, lines[number], TARGET)}"
                f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{TARGET}" '
                'stroke-width="2" marker-end="url(#fleche)"/></g>'
            )
    parts.append("</svg>")
    return "".join(parts)
