"""Layer 6, `reports`: everything that leaves the app as a file, and erasure.

It owns the session's PDF report (WeasyPrint and its locked-down URL fetcher, with the
follow-up chapter), the results and action-plan CSVs, the cooperative's JSON export and its
deletion, the person's JSON export and the deletion of their account: one registry of formats
(`registry.py`) and one way of answering a download.

It may import every app below it: followup, plans, diagnostics, cooperatives, accounts, fiches.
Only `qvt` (the top) imports it.
"""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
