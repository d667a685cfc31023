"""Benchmark of the PDF report: a 200-respondent session with 20 actions, rendered 10 times.

Run from the project root:

    .venv/bin/python bench/pdf.py [--runs 10] [--respondents 200] [--actions 20]

It works on a temporary SQLite file (created, migrated, then deleted; DATABASE_URL is ignored, so
it never touches PostgreSQL or db.sqlite3), with DJANGO_DEBUG=1. Each run does what the PDF view
does after the access checks: aggregate the answers, join the consolidation, render the HTML
template, and lay out and write the PDF with WeasyPrint. It prints the median and the max.
The first run is a warm-up (fonts and stylesheet parsed once per process) and is reported apart.
"""

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(database):
    sys.path.insert(0, str(ROOT))
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_DEBUG"] = "1"
    os.environ["DJANGO_SQLITE_PATH"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qvt.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # WeasyPrint logs every layout step at INFO: keep the output to the numbers.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)


def make_session(respondents, actions):
    from django.utils import timezone

    from accounts.signed import hash_token, new_token
    from cooperatives.models import Cooperative, Membership
    from diagnostics import quiz
    from diagnostics.models import Answer, DiagnosticSession, Respondent
    from plans.models import Action, ConsolidatedAnswer

    cooperative = Cooperative.objects.create(
        name="Scop du Banc d’Essai",
        slug="banc-essai",
        legal_form="scop",
        departement="34",
        headcount=respondents,
    )
    owner = Membership.objects.create(cooperative=cooperative, email="animation@banc.coop")
    session = DiagnosticSession.objects.create(
        cooperative=cooperative,
        questionnaire=quiz.guide_questionnaire(),
        title="Diagnostic de référence",
        status="closed",
        opened_at=timezone.now(),
        closed_at=timezone.now(),
    )
    statements = quiz.statements_of(session.questionnaire_id)
    rng = random.Random(4)
    now = timezone.now()
    sheets = Respondent.objects.bulk_create(
        Respondent(session=session, token_hash=hash_token(new_token()), submitted_at=now)
        for _ in range(respondents)
    )
    Answer.objects.bulk_create(
        (
            Answer(respondent=r, statement=s, value=rng.choice(["yes", "yes", "unsure", "no"]))
            for r in sheets
            for s in statements
        ),
        batch_size=2000,
    )
    ConsolidatedAnswer.objects.bulk_create(
        ConsolidatedAnswer(session=session, statement=s, value=rng.choice(["yes", "no"]))
        for s in statements
    )
    steps = [code for code, _label in Action.Step.choices]
    themes = list(session.questionnaire.themes.order_by("order"))
    Action.objects.bulk_create(
        Action(
            session=session,
            theme=themes[n % len(themes)],
            step=steps[n % len(steps)],
            title=f"Action n°{n + 1} : organiser un temps d’échange sur les outils",
            description="Réunir l’équipe, recenser les usages, décider des règles.",
            owner_membership=owner if n % 2 else None,
            owner_name="" if n % 2 else "Le CSE",
            due_date=timezone.localdate() + timedelta(days=30 + n),
            position=n,
            indicator="Règles d’usage écrites et partagées",
        )
        for n in range(actions)
    )
    return session, respondents


def render_once(session, submitted):
    from diagnostics import scoring
    from plans import services
    from reports import pdf

    analysis = services.analyse(session, scoring.compute_results(session, submitted))
    return pdf.report_pdf(session, analysis)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--respondents", type=int, default=200)
    parser.add_argument("--actions", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup(str(Path(tmp) / "bench.sqlite3"))
        from django.utils import translation

        translation.activate("fr")
        session, submitted = make_session(args.respondents, args.actions)
        start = time.perf_counter()
        first = render_once(session, submitted)
        warmup = time.perf_counter() - start
        wall, cpu = [], []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            render_once(session, submitted)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    print(f"PDF of {args.respondents} respondents, {args.actions} actions: {len(first)} bytes")
    print(f"warm-up run: {warmup:.3f} s")
    print(f"{args.runs} runs: median {statistics.median(wall):.3f} s, max {max(wall):.3f} s")
    # CPU time of this process: less sensitive to other programs sharing the machine.
    print(f"CPU time: median {statistics.median(cpu):.3f} s, max {max(cpu):.3f} s")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
