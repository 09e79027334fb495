"""Feedback is kept for 2 years, as the privacy notice tells families."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from offers.models import Feedback

from .factories import FeedbackFactory


def test_delete_old_feedback_removes_only_answers_older_than_two_years(council_a, capsys):
    now = timezone.now()
    old = FeedbackFactory(council=council_a, created_at=now - datetime.timedelta(days=731))
    recent = FeedbackFactory(council=council_a, created_at=now - datetime.timedelta(days=700))

    call_command("delete_old_feedback")

    assert list(Feedback.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not Feedback.objects.filter(pk=old.pk).exists()
    assert "Deleted 1 feedback answers older than 2 years." in capsys.readouterr().out
