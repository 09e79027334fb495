"""Helpers for the publishing tests: read an admin form the way a browser would post it."""

from html.parser import HTMLParser

from django.urls import reverse


class _FormReader(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside, self.data = form_id, False, {}
        self._textarea = self._select = None
        self._select_default = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.setdefault(name, []).append(attrs.get("value", "on"))
            else:
                self.data[name] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea, self.data[name] = name, ""
        elif tag == "select" and name:
            self._select, self._select_default = name, None
        elif tag == "option" and self._select:
            if self._select_default is None:
                self._select_default = attrs.get("value", "")
            if "selected" in attrs:
                self.data[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            self.data.setdefault(self._select, self._select_default or "")
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            # A browser drops the one newline that may follow <textarea>.
            current = self.data[self._textarea]
            self.data[self._textarea] = current + (data if current else data.lstrip("\n"))


def form_data(client, url: str, form_id: str) -> dict:
    """The fields of a form on a page, as a browser would send them unchanged."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    return reader.data


def offer_url(view: str, offer, *args) -> str:
    return reverse(f"admin:offers_offer_{view}", args=[offer.pk, *args])
