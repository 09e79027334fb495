"""/workspace/<council>/...: approval, publishing, history, preview links, fact check, the
audit trail and families' feedback."""

from django.urls import path

from . import approvals, fact_checks, history, inbox, sharing

urlpatterns = [
    path("send/", approvals.send, name="send"),
    path("approvals/", approvals.approvals, name="approvals"),
    path(
        "approvals/schedules/<int:schedule_id>/cancel/",
        approvals.schedule_cancel,
        name="schedule_cancel",
    ),
    path("history/", history.history, name="history"),
    path("history/compare/", history.compare, name="compare"),
    path("history/<int:version>/restore/", history.restore, name="restore"),
    path("history/<int:version>/view/", history.version, name="version"),
    path("history/<int:version>/download/", history.version_download, name="version_download"),
    path("history/<int:version>/view/<slug:page>/", history.version, name="version_page"),
    path("share/", sharing.share, name="share"),
    path("share/<int:link_id>/revoke/", sharing.share_revoke, name="share_revoke"),
    path("fact-check/", fact_checks.fact_checks, name="fact_checks"),
    path("audit/", inbox.audit, name="audit"),
    path("feedback/", inbox.feedback, name="feedback"),
    path("feedback/export/", inbox.feedback_export, name="feedback_export"),
]
