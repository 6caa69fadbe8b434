"""The language switch in the footer: Django's ``set_language`` (the cookie
and the way back to the page), and for a logged-in user the choice kept on
the account, which their e-mails and their pages on another browser follow."""

from django.contrib.auth.decorators import login_not_required
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from ..forms.language import LanguageForm
from ..services import LANGUAGE_CHOSEN, choose_language


@login_not_required
@require_POST
def set_language(request):
    response = django_set_language(request)
    form = LanguageForm(request.POST)
    if form.is_valid() and request.user.is_authenticated:
        choose_language(user=request.user, language=form.cleaned_data["language"])
    elif form.is_valid():
        request.session[LANGUAGE_CHOSEN] = form.cleaned_data["language"]
    return response
