"""Fill a dedicated PostgreSQL database with a whole cooperative network, with COPY.

    5,000 cooperatives, 100,000 memberships (each with its user account), 10,000 sessions,
    100,000 submitted respondents x 30 statements = 3,000,000 answers, and the consolidated
    answers of half the closed sessions. One cooperative, `reseau-grande-scop`, has 200 members
    and a closed session with exactly 200 submitted respondents (the "big" session).

    Networks (issue 16): one national network with every cooperative, 13 regional unions (one
    per département of the seed), each with one adviser; 90 % of the closed sessions that
    passed their k are shared (one summary row each, written by networks.services.summary_of
    from the published copy, as sharing does), and 40 % of those share a plan too.
    `--networks` adds them to a database seeded before they existed.

Commands, from the project root (the database must be a qvt_bench* one on 127.0.0.1):

    createdb -h 127.0.0.1 -U postgres qvt_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/qvt_bench DJANGO_DEBUG=1 \\
        .venv/bin/python manage.py migrate
    .venv/bin/python bench/seed_scale.py --reset        # about 1 to 2 minutes

Without --reset, an already seeded database is left as it is (the script prints its counts and
gives the big cooperative's facilitator a new password); a database holding other data is
refused. --reset empties the users, cooperatives and everything below them (the guide's
questionnaire, loaded by a migration, stays).

Why every membership gets a user: a member who redeems an invitation gets an account
(cooperatives.services.attach_pending_memberships), so a network that has used the tool for a
while has about one user per membership. Creating them all is the upper bound for the users
table and the membership -> user index, and costs about a second with COPY because every
account shares one unusable password (no hashing per row). Only the big cooperative's
facilitator has a real password, printed at the end.
"""

import argparse
import hashlib
import json
import random
import secrets
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BIG_SLUG, DEFAULT_DB, django_setup, require_migrated  # noqa: E402

COOPERATIVES = 5_000
MEMBERS = 100_000
SESSIONS_PER_COOPERATIVE = 2
SUBMITTED = 100_000
BIG_MEMBERS = 200
BIG_RESPONDENTS = 200
BIG_OPEN_RESPONDENTS = 40
BIG_EMAIL = f"animation@{BIG_SLUG}.coop"
# Likelihood of "Oui" per theme (as in seed_demo), shifted per cooperative.
YES_LIKELIHOOD = [0.8, 0.5, 0.25, 0.65, 0.15, 0.45]
DEPARTEMENTS = ["34", "30", "11", "66", "31", "13", "69", "75", "33", "44", "2A", "974", "59"]
LEGAL_FORMS = ["scop"] * 7 + ["scic"] * 2 + ["cae"]
CHUNK_LINES = 200_000
NATIONAL_SLUG = "reseau-national"
ADVISER_EMAIL = f"accompagnement@{NATIONAL_SLUG}.coop"
SHARED_SHARE, PLAN_SHARE = 0.9, 0.4
# Action titles several cooperatives plan under the same words (a title needs 2 to be listed).
COMMON_ACTIONS = [
    "Écrire une charte du droit à la déconnexion",
    "Former l’équipe à l’outil de partage de documents",
    "Faire le point sur les outils en réunion d’équipe",
    "Organiser un temps d’échange sur le travail à distance",
    "Recenser les besoins d’information de chaque métier",
    "Désigner une personne référente du numérique",
]


def split_total(total, weights, highs, rng_order):
    """Integers proportional to weights, each in [0, high], summing exactly to total."""
    weight_sum = sum(weights) or 1
    sizes = [min(h, int(total * w / weight_sum)) for w, h in zip(weights, highs, strict=True)]
    missing = total - sum(sizes)
    while missing > 0:
        progressed = False
        for i in rng_order:
            if missing and sizes[i] < highs[i]:
                sizes[i] += 1
                missing -= 1
                progressed = True
        if not progressed:
            raise ValueError(f"cannot place {missing} more: every bucket is full")
    return sizes


def ts(moment):
    return moment.isoformat()


def copy_text(value):
    """One value as COPY's text format reads it."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dict | list):
        return json.dumps(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def model_defaults(table, columns):
    """(columns, values) to add to every row of `table`: each column of its model that the
    seed does not write, filled with the field's own default. Django sets no database default
    (a migration's AddField(default=...) leaves none), so without this every new NOT NULL
    column added by another issue broke the COPY. A NOT NULL column without a default is
    refused by name, before any row is sent."""
    from django.apps import apps

    model = next((m for m in apps.get_models() if m._meta.db_table == table), None)
    if model is None:
        return [], []
    extra, values, missing = [], [], []
    for field in model._meta.concrete_fields:
        # An identity column or a database default: PostgreSQL fills it.
        if field.column in columns or field.db_returning or field.has_db_default():
            continue
        if field.has_default():
            extra.append(field.column)
            values.append(copy_text(field.get_default()))
        elif not field.null:
            missing.append(field.column)
    if missing:
        raise SystemExit(f"seed_scale.py writes no value for {table}.{', '.join(missing)}")
    return extra, values


class Copier:
    """COPY rows (tuples) into a table, as tab-separated text written in large chunks; the
    model's other columns get their defaults (model_defaults)."""

    def __init__(self, cursor):
        self.cursor = cursor

    def copy(self, table, columns, rows):
        started = time.perf_counter()
        count = 0
        extra, defaults = model_defaults(table, columns)
        tail = "".join("\t" + v for v in defaults)
        sql = f"COPY {table} ({', '.join([*columns, *extra])}) FROM STDIN"
        with self.cursor.copy(sql) as copy:
            lines = []
            for row in rows:
                lines.append("\t".join(r"\N" if v is None else str(v) for v in row) + tail)
                if len(lines) >= CHUNK_LINES:
                    copy.write("\n".join(lines) + "\n")
                    count += len(lines)
                    lines = []
            if lines:
                copy.write("\n".join(lines) + "\n")
                count += len(lines)
        print(
            f"  {table:<32} {count:>10,} rows  {time.perf_counter() - started:6.1f} s", flush=True
        )
        return count


def build_plan(args, rng):
    """Sizes and statuses, decided before writing anything."""
    coops = args.cooperatives
    members = [BIG_MEMBERS] + split_total(
        args.members - BIG_MEMBERS,
        [rng.lognormvariate(0, 0.8) for _ in range(coops - 1)],
        [BIG_MEMBERS] * (coops - 1),
        list(range(coops - 1)),
    )
    members = [max(3, m) for m in members]  # tiny rounding drift is fixed below
    drift = sum(members) - args.members
    i = 1
    while drift > 0:
        if members[i] > 3:
            members[i] -= 1
            drift -= 1
        i = i % (coops - 1) + 1

    sessions = []  # (coop_index, age, status)
    for c in range(coops):
        for s in range(SESSIONS_PER_COOPERATIVE):
            older = s < SESSIONS_PER_COOPERATIVE - 1
            if c == 0:
                status = "closed" if older else "open"
            elif older:
                status = "closed"
            else:
                draw = rng.random()
                status = "closed" if draw < 0.6 else "open" if draw < 0.85 else "draft"
            sessions.append((c, s, status))
    # Respondents: the big session has exactly BIG_RESPONDENTS, the big open one a few, and the
    # rest is spread over the other non-draft sessions in proportion to the team's size.
    others = [i for i, (c, _s, status) in enumerate(sessions) if c != 0 and status != "draft"]
    rest = args.submitted - BIG_RESPONDENTS - BIG_OPEN_RESPONDENTS
    order = others[:]
    rng.shuffle(order)
    position = {session_index: k for k, session_index in enumerate(others)}
    counts_others = split_total(
        rest,
        [members[sessions[i][0]] * rng.uniform(0.35, 0.8) for i in others],
        [members[sessions[i][0]] for i in others],
        [position[i] for i in order],
    )
    respondents = [0] * len(sessions)
    respondents[0], respondents[1] = BIG_RESPONDENTS, BIG_OPEN_RESPONDENTS
    for i, n in zip(others, counts_others, strict=True):
        respondents[i] = n
    return members, sessions, respondents


def seed(args, connection):
    from django.contrib.auth.hashers import make_password

    from diagnostics import quiz

    rng = random.Random(2026)  # the same network every time
    now = datetime.now(UTC).replace(microsecond=0)
    statements = quiz.statements_of(quiz.guide_questionnaire().pk)
    questionnaire_id = statements[0].theme.questionnaire_id
    members, sessions, respondents = build_plan(args, rng)
    password = secrets.token_urlsafe(12)

    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the psycopg 3 cursor, for COPY
        cursor.execute("SET LOCAL synchronous_commit TO off")
        copier = Copier(cursor)

        # Users and memberships: one user per membership; the first of each team facilitates.
        unusable = "!bench-unusable-password"
        big_hash = make_password(password)
        coop_members = []  # per cooperative: [(membership_id, user_id)]
        user_rows, membership_rows = [], []
        next_id = 1
        for c, size in enumerate(members):
            team = []
            for k in range(size):
                email = BIG_EMAIL if (c == 0 and k == 0) else f"membre{next_id}@reseau.coop"
                user_rows.append(
                    (
                        next_id,
                        big_hash if (c == 0 and k == 0) else unusable,
                        None,
                        "f",
                        "",
                        "",
                        "f",
                        "t",
                        ts(now - timedelta(days=400)),
                        email,
                    )
                )
                role = "facilitator" if k == 0 else "member"
                membership_rows.append(
                    (next_id, email, role, ts(now - timedelta(days=400)), c + 1, next_id)
                )
                team.append(next_id)
                next_id += 1
            coop_members.append(team)
        copier.copy(
            "accounts_user",
            [
                "id",
                "password",
                "last_login",
                "is_superuser",
                "first_name",
                "last_name",
                "is_staff",
                "is_active",
                "date_joined",
                "email",
            ],
            user_rows,
        )
        copier.copy(
            "cooperatives_cooperative",
            ["id", "name", "slug", "legal_form", "departement", "headcount", "created_at"],
            (
                (
                    c + 1,
                    "Grande Scop du réseau" if c == 0 else f"Coopérative n°{c + 1}",
                    BIG_SLUG if c == 0 else f"coop-{c + 1:05d}",
                    "cae" if c == 0 else LEGAL_FORMS[c % len(LEGAL_FORMS)],
                    DEPARTEMENTS[c % len(DEPARTEMENTS)],
                    members[c],
                    ts(now - timedelta(days=400)),
                )
                for c in range(len(members))
            ),
        )
        copier.copy(
            "cooperatives_membership",
            ["id", "email", "role", "created_at", "cooperative_id", "user_id"],
            membership_rows,
        )
        del user_rows, membership_rows

        # Sessions: an older closed one and a recent one (closed, open or draft) per team.
        session_rows, session_dates = [], []
        for i, (c, s, status) in enumerate(sessions):
            created = now - timedelta(days=400 - 300 * s, minutes=rng.randrange(1440))
            opened = None if status == "draft" else created + timedelta(days=1)
            closed = created + timedelta(days=15) if status == "closed" else None
            session_dates.append(opened)
            if c == 0:
                title = "Grande session (200 réponses)" if s == 0 else "Session ouverte"
            else:
                title = f"Diagnostic {created.year} n°{s + 1}"
            session_rows.append(
                (
                    i + 1,
                    title,
                    status,
                    3,
                    secrets.token_urlsafe(16),
                    ts(created),
                    opened and ts(opened),
                    closed and ts(closed),
                    c + 1,
                    coop_members[c][0],
                    questionnaire_id,
                    None,
                    "f",
                    None,
                    None,
                    None if status == "draft" else len(coop_members[c]),
                    "f",
                )
            )
        copier.copy(
            "diagnostics_diagnosticsession",
            [
                "id",
                "title",
                "status",
                "anonymity_threshold",
                "join_key",
                "created_at",
                "opened_at",
                "closed_at",
                "cooperative_id",
                "created_by_id",
                "questionnaire_id",
                "last_reminder_at",
                "open_mode",
                "results_snapshot",
                "revealed_at",
                "team_size",
                "members_only",
            ],
            session_rows,
        )
        del session_rows

        # Respondents: all submitted; linked to their membership only while the session is open.
        respondent_rows, answer_owner = [], []
        rid = 0
        for i, (c, _s, status) in enumerate(sessions):
            for k in range(respondents[i]):
                rid += 1
                created = session_dates[i] + timedelta(hours=1 + k % 48)
                # As closing leaves them: no token, no membership (diagnostics.services).
                respondent_rows.append(
                    (
                        rid,
                        hashlib.sha256(f"bench-respondent-{rid}".encode()).hexdigest()
                        if status == "open"
                        else None,
                        6,
                        ts(created),
                        ts(created + timedelta(minutes=12)),
                        coop_members[c][k] if status == "open" else None,
                        i + 1,
                        "member" if status == "open" else "link",
                    )
                )
                answer_owner.append((rid, c, ts(created + timedelta(minutes=11))))
        copier.copy(
            "diagnostics_respondent",
            [
                "id",
                "token_hash",
                "current_theme",
                "created_at",
                "submitted_at",
                "membership_id",
                "session_id",
                "origin",
            ],
            respondent_rows,
        )
        del respondent_rows

        # Answers: 30 per respondent, "Oui" more or less likely per theme and per team.
        by_statement = [(s.pk, YES_LIKELIHOOD[s.theme.order - 1]) for s in statements]
        shift = [rng.uniform(-0.15, 0.15) for _ in members]
        draw = rng.random

        def answers():
            aid = 0
            for rid_, c, when in answer_owner:
                for sid, likely in by_statement:
                    aid += 1
                    x = draw()
                    yes = likely + shift[c]
                    value = "yes" if x < yes else "unsure" if x < yes + 0.15 else "no"
                    yield (aid, value, when, rid_, sid)

        copier.copy(
            "diagnostics_answer",
            ["id", "value", "updated_at", "respondent_id", "statement_id"],
            answers(),
        )

        # The team's agreed answers for half the closed sessions (always the big one).
        cursor.execute("SELECT to_regclass('plans_consolidatedanswer') IS NOT NULL")
        if cursor.fetchone()[0]:
            consolidated = [
                i
                for i, (_c, _s, status) in enumerate(sessions)
                if status == "closed" and respondents[i] >= 3 and (i == 0 or draw() < 0.5)
            ]
            copier.copy(
                "plans_consolidatedanswer",
                ["value", "note", "updated_at", "session_id", "statement_id", "updated_by_id"],
                (
                    (
                        rng.choice(["yes", "unsure", "no"]),
                        "",
                        ts(now),
                        i + 1,
                        sid,
                        coop_members[sessions[i][0]][0],
                    )
                    for i in consolidated
                    for sid, _likely in by_statement
                ),
            )
        else:
            print("  plans_consolidatedanswer: no such table, skipped")

        for table in [
            "accounts_user",
            "cooperatives_cooperative",
            "cooperatives_membership",
            "diagnostics_diagnosticsession",
            "diagnostics_respondent",
            "diagnostics_answer",
        ]:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"(SELECT max(id) FROM {table}))"
            )
    return password


def reset(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE accounts_user, cooperatives_cooperative, accounts_failedattempt, "
            "django_session RESTART IDENTITY CASCADE"
        )


def store_closed_results(connection):
    """The copy of the results every closed session keeps (diagnostics.publication), as
    close_session stores it: per statement (Oui, ?, Non), the number and ids of the sheets.
    Two aggregate queries over the closed sessions, then one UPDATE per session."""
    counts, sheets = {}, {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.session_id, a.statement_id,"
            " count(*) FILTER (WHERE a.value = 'yes'), count(*) FILTER (WHERE a.value = 'unsure'),"
            " count(*) FILTER (WHERE a.value = 'no')"
            " FROM diagnostics_answer a JOIN diagnostics_respondent r ON r.id = a.respondent_id"
            " JOIN diagnostics_diagnosticsession s ON s.id = r.session_id"
            " WHERE s.status = 'closed' AND r.submitted_at IS NOT NULL"
            " GROUP BY r.session_id, a.statement_id"
        )
        for session_id, statement_id, yes, unsure, no in cursor.fetchall():
            counts.setdefault(session_id, {})[str(statement_id)] = [yes, unsure, no]
        cursor.execute(
            "SELECT r.session_id, array_agg(r.id ORDER BY r.id)"
            " FROM diagnostics_respondent r JOIN diagnostics_diagnosticsession s"
            " ON s.id = r.session_id WHERE s.status = 'closed' AND r.submitted_at IS NOT NULL"
            " GROUP BY r.session_id"
        )
        for session_id, ids in cursor.fetchall():
            sheets[session_id] = ids
        rows = [
            (json.dumps({"respondents": len(ids), "sheets": ids, "counts": counts[sid]}), sid)
            for sid, ids in sheets.items()
            if len(ids) >= 3
        ]
        cursor.executemany(
            "UPDATE diagnostics_diagnosticsession SET results_snapshot = %s::jsonb WHERE id = %s",
            rows,
        )
    return len(rows)


def seed_networks(rng):
    """The networks and what their cooperatives shared (see the module's docstring), with the
    ORM: about 10,000 memberships and 7,000 summary rows, a few seconds."""
    from django.utils import timezone

    from accounts.models import User
    from cooperatives.models import Cooperative
    from diagnostics import quiz, scoring
    from diagnostics.models import DiagnosticSession
    from networks.models import Adviser, Network, NetworkMembership, SharedPlan, SharedSession
    from networks.services import summary_of

    started = time.perf_counter()
    national = Network.objects.create(
        name="Confédération nationale des coopératives", slug=NATIONAL_SLUG, kind="federation"
    )
    regional = {
        dep: Network.objects.create(
            name=f"Union régionale {dep}",
            slug=f"union-regionale-{dep.lower()}",
            kind="union_regionale",
        )  # fmt: skip
        for dep in DEPARTEMENTS
    }
    unusable = "!bench-unusable-password"  # noqa: S105 - "!" never matches: no login
    networks = [national, *regional.values()]
    emails = [ADVISER_EMAIL] + [f"accompagnement@{n.slug}.coop" for n in regional.values()]
    users = User.objects.bulk_create(User(email=e, password=unusable) for e in emails)
    Adviser.objects.bulk_create(
        Adviser(network=n, user=u) for n, u in zip(networks, users, strict=True)
    )
    now = timezone.now()
    coops = list(Cooperative.objects.values_list("pk", "departement"))
    NetworkMembership.objects.bulk_create(
        [
            NetworkMembership(network=national, cooperative_id=pk, status="accepted",
                              answered_at=now)
            for pk, _dep in coops
        ]
        + [
            NetworkMembership(network=regional[dep], cooperative_id=pk, status="accepted",
                              answered_at=now)
            for pk, dep in coops
            if dep in regional
        ],
        batch_size=5000,
    )  # fmt: skip
    themes = [t.code for t in quiz.questionnaire_themes(quiz.guide_questionnaire().pk)]
    shared, plans = [], []
    closed = DiagnosticSession.objects.filter(
        status="closed", results_snapshot__isnull=False
    ).order_by("pk")
    for session in closed.iterator(chunk_size=2000):
        if session.results_snapshot["respondents"] < session.anonymity_threshold:
            continue
        if rng.random() >= SHARED_SHARE:
            continue
        results = scoring.compute_results(session, session.results_snapshot["respondents"])
        theme_scores, statement_counts = summary_of(results)
        shared.append(
            SharedSession(
                session_id=session.pk,
                cooperative_id=session.cooperative_id,
                year=timezone.localtime(session.closed_at).year,
                respondents=results.respondents,
                theme_scores=theme_scores,
                statement_counts=statement_counts,
            )
        )
        if rng.random() < PLAN_SHARE:
            plans.append(
                SharedPlan(
                    session_id=session.pk,
                    cooperative_id=session.cooperative_id,
                    priority_themes=rng.sample(themes, 2),
                    actions=rng.sample(COMMON_ACTIONS, 2) + [f"Action propre n°{session.pk}"],
                )
            )
    SharedSession.objects.bulk_create(shared, batch_size=2000)
    SharedPlan.objects.bulk_create(plans, batch_size=2000)
    print(
        f"  networks: 1 national + {len(regional)} regional, {len(shared):,} shared sessions, "
        f"{len(plans):,} shared plans  {time.perf_counter() - started:6.1f} s",
        flush=True,
    )


def report(connection):
    from django.urls import reverse

    from cooperatives.models import Cooperative

    print("\nRow counts:")
    with connection.cursor() as cursor:
        for table in [
            "cooperatives_cooperative",
            "accounts_user",
            "cooperatives_membership",
            "diagnostics_diagnosticsession",
            "diagnostics_respondent",
            "diagnostics_answer",
            "plans_consolidatedanswer",
            "networks_networkmembership",
            "networks_sharedsession",
            "networks_sharedplan",
        ]:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
            if not cursor.fetchone()[0]:
                continue
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
            print(f"  {table:<32} {cursor.fetchone()[0]:>10,}")
        cursor.execute("SELECT count(*) FROM diagnostics_respondent WHERE submitted_at IS NOT NULL")
        print(f"  {'submitted respondents':<32} {cursor.fetchone()[0]:>10,}")
    big = Cooperative.objects.get(slug=BIG_SLUG)
    session = big.sessions.get(status="closed")
    submitted = session.respondents.submitted().count()
    print(f"\nBig session: {session.title!r}, {submitted} submitted respondents")
    print(f"  results page: {reverse('plans:results', args=[big.slug, session.pk])}")
    print(f"  dashboard:    {reverse('followup:dashboard', args=[big.slug])}")
    print(f"  network:      {reverse('networks:dashboard', args=[NATIONAL_SLUG])}")


def rng_networks():
    return random.Random(16)  # the same shares every time, independent of the rest of the seed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=DEFAULT_DB, help=f"database URL (default {DEFAULT_DB})")
    parser.add_argument("--reset", action="store_true", help="empty the database first")
    parser.add_argument("--scale", type=float, default=1.0, help="e.g. 0.01 for a quick try")
    parser.add_argument(
        "--networks", action="store_true", help="add the networks to an already seeded database"
    )
    args = parser.parse_args()
    args.cooperatives = max(2, round(COOPERATIVES * args.scale))
    args.members = max(BIG_MEMBERS + 3 * args.cooperatives, round(MEMBERS * args.scale))
    args.submitted = max(
        BIG_RESPONDENTS + BIG_OPEN_RESPONDENTS + 100, round(SUBMITTED * args.scale)
    )

    django_setup(args.db)
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from accounts.models import User
    from cooperatives.models import Cooperative

    require_migrated(args.db)

    started = time.perf_counter()
    if Cooperative.objects.exists() and not args.reset:
        if not Cooperative.objects.filter(slug=BIG_SLUG).exists():
            sys.exit("this database holds other data: run with --reset to replace it")
        from networks.models import Network

        if args.networks and not Network.objects.exists():
            with transaction.atomic():
                seed_networks(rng_networks())
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        print("Already seeded (use --reset to seed again).")
        password = secrets.token_urlsafe(12)
        User.objects.filter(email=BIG_EMAIL).update(password=make_password(password))
    else:
        print(
            f"Seeding {args.cooperatives:,} cooperatives, {args.members:,} members, "
            f"{args.cooperatives * SESSIONS_PER_COOPERATIVE:,} sessions, "
            f"{args.submitted:,} submitted respondents x 30 answers ...",
            flush=True,
        )
        with transaction.atomic():
            if args.reset:
                reset(connection)
            password = seed(args, connection)
            stored = store_closed_results(connection)
            print(f"  results stored for {stored:,} closed sessions", flush=True)
            seed_networks(rng_networks())
            copied = time.perf_counter()
            print(f"  COPY done in {copied - started:.1f} s; commit ...", flush=True)
        loaded = time.perf_counter()
        # The foreign keys are DEFERRABLE INITIALLY DEFERRED: PostgreSQL checks every row here.
        print(f"  commit (deferred foreign-key checks) {loaded - copied:.1f} s; VACUUM ANALYZE ...")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"  VACUUM ANALYZE {time.perf_counter() - loaded:.1f} s")
    report(connection)
    print(f"  facilitator login: {BIG_EMAIL}")
    print(f"  password:          {password}")
    print(f"\nTotal time: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
