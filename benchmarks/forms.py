"""Forms as a browser sends them, for the mixed load (``mixed.py``): the
fields a page's form would post unchanged, and a date typed in its format."""

import datetime
import html.parser

from benchmarks.load import BenchmarkError

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%m/%d/%Y")


class FormParser(html.parser.HTMLParser):
    """The POST forms of a page: their action and the values a browser would
    send unchanged (hidden fields, texts, textareas, the chosen option,
    checked boxes); a formset's empty template (``__prefix__``) is left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"method": (a.get("method") or "get").lower(), "action": a.get("action")}
            self._form["fields"] = {}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name and "__prefix__" not in name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form["fields"][name] = a.get("value") or "on"
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self._form["fields"][name] = a.get("value") or ""
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea = name
            self._form["fields"][name] = ""
        elif tag == "select" and name and "__prefix__" not in name:
            self._select = {"name": name, "first": None, "chosen": None}
        elif tag == "option" and self._select is not None:
            value = a.get("value") or ""
            if self._select["first"] is None and value:
                self._select["first"] = value
            if "selected" in a:
                self._select["chosen"] = value

    def handle_data(self, data):
        if self._textarea is not None and self._form is not None:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            # The newline after <textarea> is not part of the value.
            value = self._form["fields"][self._textarea]
            self._form["fields"][self._textarea] = value.removeprefix("\n")
            self._textarea = None
        elif tag == "select" and self._select is not None and self._form is not None:
            chosen = self._select["chosen"]
            value = chosen if chosen is not None else (self._select["first"] or "")
            self._form["fields"][self._select["name"]] = value
            self._select = None
        elif tag == "form":
            self._form = None


def post_form(page, needed, action=None) -> dict:
    """The page's POST form that has the field ``needed`` (and is sent to
    ``action``, when given)."""
    parser = FormParser()
    parser.feed(page)
    for form in parser.forms:
        if form["method"] != "post" or needed not in form["fields"]:
            continue
        if action is None or form["action"] == action:
            return form
    raise BenchmarkError(f"no POST form with the field {needed!r} to {action} on the page")


def shifted_date(text, days) -> str:
    """A date typed in the page's format, ``days`` later, in the same format."""
    for fmt in DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
        return (day + datetime.timedelta(days=days)).strftime(fmt)
    raise BenchmarkError(f"cannot read the date {text!r} of the form")
