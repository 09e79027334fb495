"""Officer forms for the admin (the optimistic lock lives here, issue B)."""

from django import forms

from .models import Offer, Section


class OfferAdminForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = "__all__"


class SectionAdminForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = "__all__"
