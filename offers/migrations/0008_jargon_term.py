"""Jargon terms for the plain-English check (offers.plain_english), with examples to start.

Site administrators extend the list in the admin. The examples are the jargon audits of
published kinship offers found most often.
"""

from django.db import migrations, models

EXAMPLES = [
    (
        "s.20",
        "the council looks after the child, with the parents' agreement",
        "Section 20 of the Children Act 1989. Say what it means for the family instead.",
    ),
    (
        "LAC",
        "looked after child",
        "Short for a child the council looks after. Families rarely use it.",
    ),
    (
        "CIN",
        "child in need",
        "A child the council has assessed as needing extra help (section 17).",
    ),
    (
        "connected person",
        "a relative or family friend",
        "Social work term for a relative or friend who is assessed to foster the child.",
    ),
    (
        "Regulation 24",
        "temporary approval as a foster carer",
        "The rule that lets the council place a child with a relative or friend before they "
        "are fully approved as foster carers (Care Planning Regulations 2010).",
    ),
    (
        "SGO",
        "special guardianship order",
        "Spell it out the first time: special guardianship order (SGO).",
    ),
    (
        "CAO",
        "child arrangements order",
        "Spell it out the first time: child arrangements order (CAO).",
    ),
    (
        "ASGSF",
        "Adoption and Special Guardianship Support Fund",
        "Spell it out the first time, and say it pays for therapy for the child.",
    ),
]


def add_examples(apps, schema_editor):
    JargonTerm = apps.get_model("offers", "JargonTerm")
    for term, alternative, note in EXAMPLES:
        JargonTerm.objects.get_or_create(
            term=term, defaults={"plain_alternative": alternative, "note": note}
        )


def remove_examples(apps, schema_editor):
    JargonTerm = apps.get_model("offers", "JargonTerm")
    JargonTerm.objects.filter(term__in=[term for term, _, _ in EXAMPLES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0007_no_bidi_controls"),
    ]

    operations = [
        migrations.CreateModel(
            name="JargonTerm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("term", models.CharField(error_messages={"unique": "This term is on the list already"}, help_text='As officers write it, like "SGO" or "connected person". A term in capitals is matched in capitals only; any other term in any case.', max_length=80, unique=True)),
                ("plain_alternative", models.CharField(help_text='What to say instead, like "special guardianship order". If these words come first in a text, the term counts as explained.', max_length=200)),
                ("note", models.TextField(blank=True, help_text="Optional: why it confuses families.")),
            ],
            options={
                "verbose_name": "jargon term",
                "ordering": ["term"],
            },
        ),
        migrations.RunPython(add_examples, remove_examples),
    ]
