"""Text checks shared by every app's forms (accounts is the lowest layer)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0/C1 controls (CR and LF among them: they break email headers), Unicode line and paragraph
# separators, and bidirectional overrides, which make a name display as something else.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def validate_no_control_characters(value):
    """For single-line names and titles: they end up in email subjects, PDFs and CSVs."""
    if value and CONTROL_CHARACTERS.search(str(value)):
        raise ValidationError(
            _(
                "Ce champ ne peut pas contenir de retour à la ligne, de tabulation ni d’autre "
                "caractère de contrôle."
            ),
            code="control_characters",
        )


def without_control_characters(text):
    """One line of plain text, e.g. an email subject built from a name typed before the check."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", str(text)).split())


def refuse_control_characters(form, *names):
    """Attach the validator to these fields of a form instance (form-level: no migration)."""
    for name in names:
        field = form.fields.get(name)
        if field is not None and validate_no_control_characters not in field.validators:
            field.validators.append(validate_no_control_characters)
