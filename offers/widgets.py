"""The GOV.UK date input for officer forms: day, month and year as three labelled boxes in one
fieldset (https://design-system.service.gov.uk/components/date-input/), with the Design
System's error messages ("Date must include a month", "Enter a real date").

DateInput and DateField are used by the admin's edit forms (offers.admin.scoping gives every
model date field them) and by the publishing forms; DateTimeInput and DateTimeField add a
"Time" box for the schedule form.

A form may also send the whole date as one value under the field's own name (2026-04-01 or
01/04/2026; 2026-04-01T09:00 for a date and time), as scripts and older pages did: it is
checked the same way.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from .formatting import join_words

PARTS = ("day", "month", "year")
MONTH_NAMES = {
    datetime.date(2000, month, 1).strftime(fmt).lower(): month
    for month in range(1, 13)
    for fmt in ("%B", "%b")
}
MONTH_NAMES["sept"] = 9
EXAMPLE_DATE = "For example, 27 3 2026"
TIME_RE = re.compile(
    r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm|a\.m\.|p\.m\.)?$"
)
NAMED_TIMES = {"midday": (12, 0), "noon": (12, 0), "midnight": (0, 0)}


def _single_date(text: str) -> datetime.date | None:
    """A whole date in one value: 2026-04-01 or 01/04/2026 (None if it is neither)."""
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _time_of_day(text: str) -> datetime.time | None:
    """ "9am", "9:30am", "09:00", "14:30", "2pm", "midday" as a time; None if it is not one."""
    text = text.strip().lower().replace(" ", "")
    if text in NAMED_TIMES:
        return datetime.time(*NAMED_TIMES[text])
    match = TIME_RE.match(text)
    if not match:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    half = (match["half"] or "").replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


class DateInput(forms.MultiWidget):
    """Three boxes, Day, Month and Year, each with its own label, in a fieldset.

    fieldset=False leaves the fieldset, its legend and hint to the caller: crispy-forms-gds
    writes them itself for a multi-value field on the publishing pages. In the admin the
    field's label is printed before the widget, so the legend that names the group for
    screen readers is visually hidden there.
    """

    parts: tuple[str, ...] = PARTS
    use_fieldset = True

    class Media:
        css = {"all": ["admin-officer/date-input.css"]}

    def __init__(
        self, attrs=None, *, fieldset: bool = True, legend: str = "", hint: str = EXAMPLE_DATE
    ):
        widths = {"day": 2, "month": 2, "year": 4, "time": 5}
        widgets = {
            part: forms.TextInput(
                attrs={
                    "class": f"govuk-input govuk-date-input__input "
                    f"govuk-input--width-{widths[part]}",
                    # Numbers only, so phones show the number pad; a time needs ":" and "pm".
                    **({"inputmode": "numeric"} if part != "time" else {}),
                    "spellcheck": "false",
                }
            )
            for part in self.parts
        }
        super().__init__(widgets, attrs)
        self.fieldset, self.legend, self.hint = fieldset, legend, hint
        self.error_parts: set[str] = set()

    @property
    def first_error_part(self) -> str:
        """The box an error summary links to: the first one marked, else the first."""
        return next((part for part in self.parts if part in self.error_parts), self.parts[0])

    def decompress(self, value):
        if isinstance(value, str):
            value = _single_date(value)
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None] * len(self.parts)

    def value_from_datadict(self, data, files, name):
        if name in data:  # the whole date sent as one value (see the module docstring)
            return data.get(name)
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)

    def id_for_label(self, id_):
        return ""  # the fieldset's legend names the group; each box has its own label

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        group_id = context["attrs"].get("id") or name
        items = []
        for part, subwidget, sub in zip(
            self.parts, self.widgets, context["subwidgets"], strict=True
        ):
            sub_attrs = {**sub["attrs"], "id": f"{group_id}_{part}"}
            if part in self.error_parts:
                sub_attrs["class"] = f"{sub_attrs.get('class', '')} govuk-input--error".strip()
            box = subwidget.render(sub["name"], sub["value"], sub_attrs, renderer)
            items.append((sub_attrs["id"], part.capitalize(), box))
        date_input = format_html(
            '<div class="govuk-date-input" id="{}">{}</div>',
            group_id,
            format_html_join(
                "",
                '<div class="govuk-date-input__item"><div class="govuk-form-group">'
                '<label class="govuk-label govuk-date-input__label" for="{}">{}</label>{}'
                "</div></div>",
                items,
            ),
        )
        if not self.fieldset:
            return date_input
        return format_html(
            '<fieldset class="govuk-fieldset kp-date-fieldset" role="group" '
            'aria-describedby="{}_hint"><legend class="govuk-fieldset__legend '
            'kp-date-fieldset__legend">{}</legend><div id="{}_hint" class="govuk-hint">{}</div>'
            "{}</fieldset>",
            group_id,
            self.legend,
            group_id,
            self.hint,
            date_input,
        )


class DateTimeInput(DateInput):
    """Day, Month, Year and Time: when a scheduled publish happens."""

    parts = (*PARTS, "time")

    def __init__(self, attrs=None, **kwargs):
        kwargs.setdefault("hint", "For example, 1 4 2027 and 9am")
        super().__init__(attrs, **kwargs)

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = datetime.datetime.fromisoformat(value.strip())
            except ValueError:
                value = None
        if isinstance(value, datetime.datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            return [*super().decompress(local.date()), f"{local:%H:%M}"]
        return [None] * len(self.parts)


class DateField(forms.MultiValueField):
    """A date typed as day, month and year, checked with GOV.UK's error messages.

    subject names the date in the messages: "Date must include a month", "Enter a real
    date"; with subject="next review date", "Next review date must include a month".
    """

    widget = DateInput
    parts = PARTS

    def __init__(self, *, subject: str = "date", **kwargs):
        self.subject = subject
        # Each box is read as text here; clean() turns the three into a date.
        fields = [forms.CharField(required=False) for _ in self.parts]
        kwargs.pop("max_length", None)
        super().__init__(fields=fields, require_all_fields=False, **kwargs)
        self.error_messages = {
            "required": f"Enter the {subject}",
            "invalid": f"Enter a real {subject}",
            **(kwargs.get("error_messages") or {}),
        }
        self.widget.legend = self.widget.legend or str(self.label or subject.capitalize())

    def compress(self, data_list):
        return self._from_parts([str(value or "") for value in data_list])

    def _error(self, message: str, code: str, parts=()) -> ValidationError:
        """An error, naming the boxes to mark red (all of them when the date as a whole is
        wrong)."""
        error = ValidationError(message, code=code)
        error.parts = tuple(parts) or self.parts
        return error

    def _mark(self, parts, messages=()) -> None:
        # The widget marks these boxes red; crispy-forms-gds reads the same from each box's
        # own field (as its DateInputField does).
        self.widget.error_parts = set(parts)
        for part, field in zip(self.parts, self.fields, strict=True):
            field.widget.errors = list(messages) if part in self.widget.error_parts else []

    def _from_parts(self, values: list[str]):
        values = [value.strip() for value in values]
        named = dict(zip(self.parts, values, strict=True))
        missing = [part for part in PARTS if not named[part]]
        if missing:
            words = join_words(missing)
            raise self._error(
                f"{self.subject.capitalize()} must include a {words}", "incomplete", missing
            )
        day, month, year = named["day"], named["month"].lower(), named["year"]
        if month in MONTH_NAMES:
            month = str(MONTH_NAMES[month])
        for part, value in (("day", day), ("month", month), ("year", year)):
            if not value.isdigit():
                raise self._error(self.error_messages["invalid"], "invalid", [part])
        if len(year) != 4:
            raise self._error("Year must include 4 numbers", "invalid_year", ["year"])
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise self._error(self.error_messages["invalid"], "invalid") from None

    def date_from(self, value):
        """The date typed, or None when nothing was; ValidationError if it is not a date."""
        if isinstance(value, datetime.date):  # a form's initial value
            return value
        if isinstance(value, str):  # one value for the whole date
            if not value.strip():
                return None
            day = _single_date(value)
            if day is None:
                raise self._error(self.error_messages["invalid"], "invalid")
            return day
        values = [str(v or "") for v in (value or [])]
        values += [""] * (len(self.parts) - len(values))
        if not any(v.strip() for v in values):
            return None
        return self.compress(values)

    def clean(self, value):
        self._mark(())
        try:
            result = self.date_from(value)
            if result is None:
                if self.required:
                    raise self._error(self.error_messages["required"], "required")
                return None
            self.run_validators(result)
        except ValidationError as error:
            self._mark(getattr(error, "parts", self.parts), error.messages)
            raise
        return result

    def validate(self, value):
        pass  # "required" is checked in clean(), on what was typed

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        try:
            typed = self.date_from(data)
        except ValidationError:
            return True
        if isinstance(initial, str):
            initial = _single_date(initial) if initial else None
        return typed != initial


class DateTimeField(DateField):
    """A date as three boxes plus a time ("9am", "14:30"), in UK time."""

    widget = DateTimeInput
    parts = (*PARTS, "time")

    def _from_parts(self, values: list[str]):
        day = super()._from_parts(values)
        time_text = values[3].strip()
        if not time_text:
            raise self._error(
                f"{self.subject.capitalize()} must include a time, like 9am or 14:30",
                "incomplete",
                ["time"],
            )
        time = _time_of_day(time_text)
        if time is None:
            raise self._error("Enter a real time, like 9am or 14:30", "invalid_time", ["time"])
        return timezone.make_aware(datetime.datetime.combine(day, time))

    def date_from(self, value):
        if isinstance(value, str):  # one value: 2026-04-01T09:00
            if not value.strip():
                return None
            try:
                when = datetime.datetime.fromisoformat(value.strip())
            except ValueError:
                raise self._error(self.error_messages["invalid"], "invalid") from None
            return timezone.make_aware(when) if timezone.is_naive(when) else when
        return super().date_from(value)
