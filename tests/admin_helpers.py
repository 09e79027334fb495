"""Helpers for admin tests: submit a form the way a browser would, from the page's own HTML."""

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    """Collects what a browser would post from each <form method="post"> on a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, list[str]]] = []
        self.data: dict[str, list[str]] = {}
        self._in_form = False
        self._select: str | None = None
        self._select_multiple = False
        self._first_option: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self._in_form = True
            self.data = {}
            self.forms.append(self.data)
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "image", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._add(name, attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select, self._select_multiple = name, "multiple" in attrs
            self._first_option = None
            self.data.setdefault(name, [])
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = attrs.get("value", "")
            if "selected" in attrs:
                self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self._in_form:
            self._in_form = False
        elif tag == "select" and self._select:
            # A single select with nothing marked selected submits its first option.
            if not self._select_multiple and not self.data[self._select]:
                if self._first_option is not None:
                    self._add(self._select, self._first_option)
            self._select = None
        elif tag == "textarea" and self._textarea:
            # Browsers drop the newline that follows <textarea>.
            self._add(self._textarea, "".join(self._text).removeprefix("\n"))
            self._textarea = None


def form_data(response) -> dict[str, list[str]]:
    """The fields a browser would submit from the page's main post form, unchanged.

    The admin header has a small logout form too; the main form is the one with most fields.
    """
    parser = _FormFields()
    parser.feed(response.content.decode())
    main = max(parser.forms, key=len)
    return {name: values for name, values in main.items() if "__prefix__" not in name}


def resubmit(client, url: str, changes: dict | None = None):
    """GET an admin form, change some fields, POST it back. Values may be str or list."""
    data = form_data(client.get(url))
    for name, value in (changes or {}).items():
        data[name] = value if isinstance(value, list) else [value]
    return client.post(url, data)
