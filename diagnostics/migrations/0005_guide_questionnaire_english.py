"""English for the guide's quiz (our translation), so a member who does not read French can
answer. The French text stays the reference; results and fiches are shown in French."""

from django.db import migrations

THEMES = {
    "projet": "Running a transformation project",
    "information": "Managing information in the digital age",
    "temps": "Organising working time",
    "espaces": "Organising workspaces",
    "competences": "Changes in jobs and skills",
    "management": "Changes in management practices",
}
STATEMENTS = {
    "projet.1": "We have discussed our digital challenges with the staff representative body and the team",
    "projet.2": "We have carried out a prior analysis of needs",
    "projet.3": "We have defined how employees take part throughout the project",
    "projet.4": "We have anticipated the project’s impacts on the organisation and on working conditions",
    "projet.5": "We have communicated about the project / we communicate about it regularly",
    "information.1": "We have assessed the information needs of the different trades and functions",
    "information.2": "We regularly review our tools and how they could evolve",
    "information.3": "We have defined rules of use (charter, other…) for collaborative tools (emails, networks…)",
    "information.4": "We have defined how the cooperative’s key information is shared",
    "information.5": "We have organised a collective watch on our field",
    "temps.1": "The rules for organising working time are shared within the cooperative",
    "temps.2": "We have defined rules on the right to disconnect (charter, agreement…)",
    "temps.3": "Our organisation lets us accommodate temporary requests for part-time work",
    "temps.4": "We have looked into mobile work / remote work",
    "temps.5": "We regularly review the workload",
    "espaces.1": "Our workspace matches our cooperative’s purpose",
    "espaces.2": "It allows smooth collaboration, up to our ambitions",
    "espaces.3": "It reflects the vision of management we stand for",
    "espaces.4": "It allows every change we would like to make",
    "espaces.5": "When we imagine the ideal workspace, we feel we already have everything we need",
    "competences.1": "We have assessed the impact of digital tools on our jobs",
    "competences.2": "Introducing a new tool or application is studied with its future users",
    "competences.3": "We have assessed how well the teams master digital practices",
    "competences.4": "We organise regular updates of the teams’ skills on the tools",
    "competences.5": "We offer different ways of learning digital practices (tutoring, distance learning…)",
    "management.1": "Time for direct exchanges between managers and staff is considered satisfactory",
    "management.2": "Teams have discussion spaces to suggest improvements to work and organisation",
    "management.3": "The meaning of the activity indicators is understood and shared within the team",
    "management.4": "The rules for exchanges within the team are shared (role of email, networks…)",
    "management.5": "The cooperative has a system for monitoring managers’ workload",
}


def load(apps, schema_editor):
    Theme = apps.get_model("diagnostics", "Theme")
    Statement = apps.get_model("diagnostics", "Statement")
    for code, title in THEMES.items():
        Theme.objects.filter(questionnaire__code="qvt-numerique-2018", code=code).update(
            title_en=title
        )
    for code, text in STATEMENTS.items():
        Statement.objects.filter(
            theme__questionnaire__code="qvt-numerique-2018", code=code
        ).update(text_en=text)


def unload(apps, schema_editor):
    apps.get_model("diagnostics", "Statement").objects.update(text_en="")
    apps.get_model("diagnostics", "Theme").objects.update(title_en="")


class Migration(migrations.Migration):
    dependencies = [("diagnostics", "0004_english_texts")]
    operations = [migrations.RunPython(load, unload)]
