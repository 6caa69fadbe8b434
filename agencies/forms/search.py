"""The agency search of the select widgets (``agencies.views.search``)."""

from django import forms

# A query is a few words of a name; more only make the SQL longer.
MAX_WORDS = 8
MAX_QUERY_LENGTH = 100


class SearchForm(forms.Form):
    """``?q=…&lain=1&nilai=id``. A NUL byte is refused (PostgreSQL refuses it
    in a parameter); a query longer than a name is cut, as before."""

    q = forms.CharField(required=False, strip=False)
    lain = forms.ChoiceField(choices=[("", ""), ("1", "1")], required=False)
    nilai = forms.ChoiceField(choices=[("", ""), ("id", "id"), ("slug", "slug")], required=False)

    def clean_q(self):
        return self.cleaned_data["q"][:MAX_QUERY_LENGTH]

    def words(self):
        """The words of ``q``, at most ``MAX_WORDS``; none when it does not validate."""
        self.is_valid()
        # The label's parentheses, "(Jawa Tengah)", may come back typed.
        query = self.cleaned_data.get("q", "").replace("(", " ").replace(")", " ")
        return query.split()[:MAX_WORDS]
