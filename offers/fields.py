"""Model and form fields for officer text written in Markdown, and for web addresses.

A MarkdownField is a TextField whose text families read as Markdown (offers.markdown turns
it into HTML). Cleaning it turns lists pasted from Word into Markdown lists
(offers.markdown.pasted_lists_to_markdown), so every way text comes in does the same: the
admin's and the workspace's model forms (their form field is a MarkdownFormField), and
import, which makes each value with the model field's to_python and runs full_clean.

The entry-type registry (offers.entry_types) reads which fields are Markdown from here, so
the plain-English check scores them as running text.
"""

from django import forms
from django.db import models

from .markdown import pasted_lists_to_markdown


class MarkdownFormField(forms.CharField):
    """A text box for Markdown: pasted Word lists become Markdown lists when it is cleaned."""

    def to_python(self, value):
        return pasted_lists_to_markdown(super().to_python(value))


class MarkdownField(models.TextField):
    """Officer text in Markdown. The column is a plain text column."""

    def to_python(self, value):
        value = super().to_python(value)
        return pasted_lists_to_markdown(value) if isinstance(value, str) else value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MarkdownFormField, **kwargs})

    def deconstruct(self):
        # Migrations see a TextField: the column is the same, and cleaning text is Python's
        # business, so no migration is needed and historical models stay plain TextFields.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs


class WebAddressField(models.URLField):
    """A web address officers type. Typed without a scheme ("council.example"), it is saved
    with https://, where Django 5.2's forms would add http:// (and then offers.advice would
    warn about an address the officer never typed that way)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})

    def deconstruct(self):
        # A URLField to migrations: the column is the same (see MarkdownField).
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs
