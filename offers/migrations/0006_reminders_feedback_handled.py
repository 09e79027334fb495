"""Feedback can be marked handled (who and when); reminders sent are remembered, so each
goes once; the audit trail gets edit, delete and feedback-handled actions and its admin name."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("offers", "0005_schedule_based_on"),
    ]

    operations = [
        migrations.AddField(
            model_name="feedback",
            name="handled_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="handled"
            ),
        ),
        migrations.AddField(
            model_name="feedback",
            name="handled_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterModelOptions(
            name="auditevent",
            options={
                "ordering": ["-at", "-id"],
                "verbose_name": "audit trail entry",
                "verbose_name_plural": "audit trail entries",
            },
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("submit", "Submitted for approval"),
                    ("publish", "Published"),
                    ("reject", "Sent back to editor"),
                    ("schedule", "Scheduled to publish"),
                    ("cancel_schedule", "Cancelled a scheduled publish"),
                    ("rollback", "Republished an older version"),
                    ("share_create", "Created a preview link"),
                    ("share_revoke", "Revoked a preview link"),
                    ("import", "Imported a document into the working copy"),
                    ("edit", "Edited the working copy"),
                    ("delete", "Deleted from the working copy"),
                    ("feedback_handled", "Marked feedback as handled"),
                ],
                max_length=20,
            ),
        ),
        migrations.CreateModel(
            name="ReminderSent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("review_30", "Review due in 30 days or fewer"),
                            ("review_7", "Review due in 7 days or fewer"),
                            ("review_due", "Review due today or overdue"),
                            ("rates", "Allowance rates older than the financial year"),
                        ],
                        max_length=12,
                    ),
                ),
                ("due_date", models.DateField(blank=True, null=True)),
                ("financial_year", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("sent_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "offer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminders_sent",
                        to="offers.offer",
                    ),
                ),
            ],
            options={
                "ordering": ["-sent_at"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("due_date__isnull", False)),
                        fields=("offer", "kind", "due_date"),
                        name="one_reminder_per_review_date",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("financial_year__isnull", False)),
                        fields=("offer", "kind", "financial_year"),
                        name="one_reminder_per_financial_year",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("due_date__isnull", False), ("financial_year__isnull", True)),
                            models.Q(("due_date__isnull", True), ("financial_year__isnull", False)),
                            _connector="OR",
                        ),
                        name="reminder_has_a_date_or_a_year",
                    ),
                ],
            },
        ),
    ]
