"""What the follow-up step stores of its own: when a cooperative's action digest went out."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperatives.models import Cooperative


class ActionDigest(models.Model):
    """One digest email per cooperative and day, so a cron job run twice does not send twice."""

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="action_digests"
    )
    sent_on = models.DateField(_("jour d’envoi"))
    recipients = models.PositiveIntegerField(_("destinataires"), default=0)
    actions = models.PositiveIntegerField(_("actions signalées"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("récapitulatif des actions")
        verbose_name_plural = _("récapitulatifs des actions")
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "sent_on"], name="action_digest_once_a_day"
            )
        ]

    def __str__(self):
        return f"{self.cooperative} · {self.sent_on:%Y-%m-%d}"
