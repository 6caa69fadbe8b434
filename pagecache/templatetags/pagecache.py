"""``{% cached_rows %}``: the rows of a list kept one by one (pagecache.rows),
and ``{% cached_part %}``: a part of a page drawn from the data every page
shows (agencies, regions, topics) and the values it names.

::

    {% load pagecache %}
    {% cached_rows visits as visit with agency=agency %}
      <tr>…{{ visit.title }}…</tr>
    {% endcached_rows %}

loops over ``visits`` like ``{% for %}``; each row is drawn with only the row
(``visit``) and the ``with`` values, and kept under a key made of their data.
``numbered`` adds ``row_number`` (1, 2, …) to what a row is given and to its key.

::

    {% cached_part request.get_full_path agency.pk %}…{% endcached_part %}

keeps what is inside under the values named (and the language, the time
zone, the hour and the stamp of what every page shows, ``EVERYTHING``): for
a part that shows nothing else (the visit list's filter bar: the query
string, the agency's own id, the topics, regions and agencies to choose).
"""

import hashlib

from django import template
from django.template.base import token_kwargs
from django.utils.safestring import mark_safe

from pagecache import rows

register = template.Library()


class CachedRowsNode(template.Node):
    def __init__(self, rows_expression, name, given, numbered, nodelist):
        self.rows_expression = rows_expression
        self.name = name
        self.given = given
        self.numbered = numbered
        self.nodelist = nodelist
        self.source = _source(nodelist)

    def render(self, context):
        items = list(self.rows_expression.resolve(context, ignore_failures=True) or ())
        given = {name: value.resolve(context) for name, value in self.given.items()}
        row_contexts = [
            self._row_context(context, given, item, number) for number, item in enumerate(items, 1)
        ]
        keeping = rows.enabled()
        if not keeping and not rows.strict():
            return mark_safe("".join(self.nodelist.render(c) for c in row_contexts))
        # In the tests the rows are checked even with the cache off: every
        # row must be named by its data and drawn without a query.
        keys = self._keys(context, given, items)
        if keys is None:
            return mark_safe("".join(self.nodelist.render(c) for c in row_contexts))
        markups = rows.kept(keys) if keeping else {}
        drawn = {}
        with rows.watching_queries() as queries:
            for key, row_context in zip(keys, row_contexts, strict=True):
                if key in markups:
                    continue
                markups[key] = self.nodelist.render(row_context)
                if queries and rows.strict():
                    raise rows.RowReadDatabase(
                        f"a row of {self._node_id()} read the database, so its data cannot "
                        f"name it: load what it shows in the view ({queries[0]})"
                    )
                # Once a row has read the database, what it loaded (a relation
                # cached on an object the rows share) may show in the next
                # rows without being in their keys: none of them is kept.
                if not queries:
                    drawn[key] = markups[key]
        if keeping:
            rows.keep(drawn)
        return mark_safe("".join(markups[key] for key in keys))

    def _keys(self, context, given, items):
        """Each row's key, or None when a value has no data to name it by."""
        fingerprints = rows.Fingerprints()
        try:
            shared = rows.list_key(self._node_id(), given, context, fingerprints)
            return [
                rows.row_key(shared, item, number if self.numbered else None, fingerprints)
                for number, item in enumerate(items, 1)
            ]
        except rows.Unkeyable:
            if rows.strict():
                raise
            return None

    def _row_context(self, context, given, item, number):
        values = {**given, self.name: item}
        if self.numbered:
            values["row_number"] = number
        return context.new(values)

    def _node_id(self):
        return f"{self.origin.name}:{self.token.lineno}:{self.source}"


def _source(nodelist) -> str:
    """A digest of the tags and text of ``nodelist``: a change of the row's
    markup gives its rows new keys (an included template's does not)."""
    parts = []

    def walk(nodes):
        for node in nodes:
            token = getattr(node, "token", None)
            parts.append(token.contents if token is not None else type(node).__name__)
            for attribute in getattr(node, "child_nodelists", ()):
                walk(getattr(node, attribute, None) or ())

    walk(nodelist)
    return hashlib.blake2b(repr(parts).encode(), digest_size=8).hexdigest()


@register.tag
def cached_rows(parser, token):
    """{% cached_rows <rows> as <name> [numbered] [with a=b …] %}…{% endcached_rows %}"""
    bits = token.split_contents()
    if len(bits) < 4 or bits[2] != "as":
        raise template.TemplateSyntaxError(
            "usage: {% cached_rows <rows> as <name> [numbered] [with name=value …] %}"
        )
    rows_expression = parser.compile_filter(bits[1])
    name = bits[3]
    remaining = bits[4:]
    numbered = bool(remaining) and remaining[0] == "numbered"
    if numbered:
        remaining = remaining[1:]
    given = {}
    if remaining:
        if remaining[0] != "with":
            raise template.TemplateSyntaxError(f"cached_rows: unexpected {remaining[0]!r}")
        given = token_kwargs(remaining[1:], parser, support_legacy=False)
        if len(given) != len(remaining) - 1:
            raise template.TemplateSyntaxError("cached_rows: 'with' takes name=value pairs")
    nodelist = parser.parse(("endcached_rows",))
    parser.delete_first_token()
    return CachedRowsNode(rows_expression, name, given, numbered, nodelist)


class CachedPartNode(template.Node):
    def __init__(self, values, nodelist):
        self.values = values
        self.nodelist = nodelist
        self.source = _source(nodelist)

    def render(self, context):
        if not rows.enabled():
            return self.nodelist.render(context)
        named = [value.resolve(context) for value in self.values]
        node_id = f"{self.origin.name}:{self.token.lineno}:{self.source}"
        fingerprints = rows.Fingerprints()
        try:
            shared = rows.list_key(node_id, {}, context, fingerprints)
            key = rows.row_key(shared, named, None, fingerprints)
        except rows.Unkeyable:
            if rows.strict():
                raise
            return self.nodelist.render(context)
        markup = rows.kept([key]).get(key)
        if markup is None:
            markup = self.nodelist.render(context)
            rows.keep({key: markup})
        return mark_safe(markup)


@register.tag
def cached_part(parser, token):
    """{% cached_part <value> … %}…{% endcached_part %}"""
    values = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endcached_part",))
    parser.delete_first_token()
    return CachedPartNode(values, nodelist)
