"""The form renderer: Django's own widget and form templates, in Jinja2.

A list page's filter bar draws a hundred ``<option>``s, each an include in
Django's template language; Django ships the same templates for Jinja2, which
draws them at a fraction of the cost with the same markup. Widgets whose
templates exist only for the template language (the admin's, django-filter's)
are drawn with it.
"""

from django.forms import renderers
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property


class FormRenderer(renderers.Jinja2):
    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.template_language.get_template(template_name)

    @cached_property
    def template_language(self):
        return renderers.DjangoTemplates()
