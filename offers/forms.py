"""Officer forms for the admin (the optimistic lock lives here, issue B)."""

from django import forms

from .models import Offer, Section


class OfferAdminForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = [
            "council",
            "title",
            "introduction",
            "manager_name",
            "manager_job_title",
            "last_reviewed",
            "next_review_due",
        ]


class SectionAdminForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["offer", "kind", "heading", "summary", "body", "order", "arrangement_types"]
