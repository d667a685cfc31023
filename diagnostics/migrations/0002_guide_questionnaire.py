"""Load the quiz of the guide « Qualité de vie au travail et numérique » (Union régionale des Scop
Occitanie – Pôle Méditerranée, Aract Occitanie), page « Notre coopérative et le numérique :
où en sommes-nous ? ». Texts are verbatim; the data lives here so the migration never changes."""

from django.db import migrations

QUESTIONNAIRE_CODE = "qvt-numerique-2018"

THEMES = [
    ("projet", 1, "Conduite d’un projet de transformation", [
        "Nous avons débattu de nos enjeux numériques avec l’institution représentative du personnel et l’équipe",
        "Nous avons réalisé une analyse préalable des besoins",
        "Nous avons défini les modalités de participation des salariés tout au long du projet",
        "Nous avons anticipé les impacts du projet sur l’organisation et les conditions de travail",
        "Nous avons communiqué sur le projet / communiquons régulièrement sur le projet",
    ]),
    ("information", 2, "Gestion de l’information à l’ère du numérique", [
        "Nous avons évalué les besoins en information des différents métiers, différentes fonctions",
        "Nous faisons régulièrement le point sur nos outils et leurs possibilités d’évolution",
        "Nous avons défini des règles d’usage (charte, autre… ) des outils collaboratifs (mails, réseaux…)",
        "Nous avons défini les modalités de partage des informations clés de la coopérative",
        "Nous avons organisé une veille collective",
    ]),
    ("temps", 3, "Organisation du temps de travail", [
        "Les règles d’organisation du temps de travail sont partagées au sein de la coopérative",
        "Nous avons défini des règles sur la déconnexion (charte, accord…)",
        "Notre organisation nous permet de prendre en compte les demandes temporaires de temps partiels",
        "Nous avons étudié les possibilités de travail nomade / télétravail",
        "Nous faisons un point régulier sur la charge de travail",
    ]),
    ("espaces", 4, "Organisation des espaces de travail", [
        "Notre espace de travail correspond à la raison d’être de notre coopérative",
        "Il permet une collaboration fluide, à la hauteur de nos ambitions",
        "Il traduit la vision du management que nous défendons",
        "Il permet toutes les évolutions que nous souhaiterions",
        "Lorsque nous imaginons l’espace de travail idéal, nous nous disons que nous avons tout ce qu’il nous faut",
    ]),
    ("competences", 5, "Évolution des métiers et des compétences", [
        "Nous avons évalué l’impact des outils numériques sur les métiers",
        "L’introduction d’un nouvel outil, d’une nouvelle application est étudiée avec les futurs utilisateurs",
        "Nous avons évalué la maîtrise des usages numériques des équipes",
        "Nous organisons l’actualisation des compétences des équipes sur les outils",
        "Nous développons différentes modalités de formation aux usages (tutorat, formation à distance…)",
    ]),
    ("management", 6, "Évolution des pratiques managériales", [
        "Les temps d’échange direct entre managers et collaborateurs sont jugés satisfaisants",
        "Les équipes ont des espaces de discussion pour proposer des améliorations sur le travail et l’organisation",
        "Le sens des indicateurs de suivi de l’activité est compris et partagé au sein de l’équipe",
        "Les règles d’échange au sein de l’équipe sont partagées (place du mail, des réseaux…)",
        "La coopérative dispose d’un système de suivi de la charge de travail des managers",
    ]),
]


def load(apps, schema_editor):
    Questionnaire = apps.get_model("diagnostics", "Questionnaire")
    Theme = apps.get_model("diagnostics", "Theme")
    Statement = apps.get_model("diagnostics", "Statement")
    questionnaire = Questionnaire.objects.create(
        code=QUESTIONNAIRE_CODE,
        title="Notre coopérative et le numérique : où en sommes-nous ?",
        source=(
            "Guide « Qualité de vie au travail et numérique », Union régionale des Scop "
            "Occitanie – Pôle Méditerranée, avec l’Aract Occitanie."
        ),
    )
    for code, order, title, texts in THEMES:
        theme = Theme.objects.create(
            questionnaire=questionnaire, code=code, order=order, title=title, fiche_number=order
        )
        Statement.objects.bulk_create(
            Statement(theme=theme, code=f"{code}.{n}", order=n, text=text)
            for n, text in enumerate(texts, start=1)
        )


def unload(apps, schema_editor):
    apps.get_model("diagnostics", "Questionnaire").objects.filter(code=QUESTIONNAIRE_CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("diagnostics", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
