"""The good-practice directory: what agencies can show visitors, by topic.

Anyone logged in browses the active practices by topic, province and free
text, and asks to visit from a practice ("Ajukan studi tiru"). An agency's
schedulers add, edit and deactivate their own agency's practices; the writes
go through ``agencies.practices``, the directory's filters are
``agencies.filters.DirectoryFilter`` and the form ``agencies.forms.practices``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edits.guard import EditConflict, EditGuard, render_edit
from studitiru.pagination import paginate

from ..filters import DirectoryFilter
from ..forms.practices import PracticeForm
from ..models import GoodPractice, Province, Topic
from ..permissions import (
    agency_of,
    can_manage_practices,
    can_schedule,
    get_practice_for_user,
    membership_of,
    require_membership,
)
from ..practices import (
    create_practice,
    deactivate_practice,
    practice_values,
    update_practice,
)

PAGE_SIZE = 20


def practice_list(request):
    """The directory: active practices of active agencies, filtered by topic
    (with the topics it was renamed from or into), province and free text;
    with ``mine=1`` a member sees their own agency's practices, hidden ones too.

    Queries: the topic catalogue, the provinces, the chosen topic's lineage,
    the count and the page."""
    membership = membership_of(request.user)
    filters = DirectoryFilter(
        request.GET,
        GoodPractice.objects.select_related("agency__province", "topic"),
        topics=list(Topic.objects.all()),
        provinces=list(Province.objects.all()),
        membership=membership,
    )
    page = paginate(request, filters.qs, PAGE_SIZE)
    context = {
        "form": filters.form,  # an invalid filter shows its message and is ignored
        "page_obj": page,
        "mine": filters.own_only,
        "membership": membership,
        "topic": filters.chosen_topic,
        "related_topics": filters.related_topics(),
        "is_filtered": filters.is_filtered(ignore={"mine"}),
        "can_add": membership is not None and can_manage_practices(request.user, membership.agency),
    }
    return render(request, "agencies/practice_list.html", context)


def practice_detail(request, pk):
    """Everything about one practice, and the way to ask to visit it."""
    practice = get_practice_for_user(request, pk)
    if not practice.agency.is_active:
        raise Http404
    agency = agency_of(request.user)
    own = agency is not None and agency.pk == practice.agency_id
    context = {
        "practice": practice,
        "own": own,
        "can_request": not own and can_schedule(request.user, agency),
        "can_manage": own and can_manage_practices(request.user, agency),
    }
    return render(request, "agencies/practice_detail.html", context)


def practice_create(request):
    membership = require_membership(request)
    agency = membership.agency
    if not can_manage_practices(request.user, agency):
        raise PermissionDenied
    form = PracticeForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            practice = create_practice(agency=agency, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Praktik baik ditambahkan ke direktori."))
            return redirect("agencies:practice_detail", pk=practice.pk)
    return render(
        request, "agencies/practice_form.html", {"form": form, "practice": None, "agency": agency}
    )


def practice_edit(request, pk):
    practice = get_practice_for_user(request, pk, write=True)
    # The form writes into its instance while validating; the page keeps
    # showing the saved title and visibility.
    saved = GoodPractice(title=practice.title, is_active=practice.is_active)
    edit_guard = EditGuard(request, about=practice, values=practice_values)
    form = PracticeForm(request.POST or None, instance=practice, agency=practice.agency)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.fields}
        try:
            update_practice(
                practice=practice, by=request.user, version=edit_guard.version, **changes
            )
        except EditConflict as conflict:
            edit_guard.conflict = conflict
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Perubahan praktik baik disimpan."))
            if practice.is_active:
                return redirect("agencies:practice_detail", pk=practice.pk)
            return redirect(reverse("agencies:practices") + "?mine=1")
    context = {
        "form": form,
        "practice": practice,
        "saved": saved,
        "agency": practice.agency,
    }
    return render_edit(request, "agencies/practice_form.html", context, edit_guard)


@require_POST
def practice_deactivate(request, pk):
    practice = get_practice_for_user(request, pk, write=True)
    deactivate_practice(practice=practice, by=request.user)
    messages.success(
        request,
        _(
            "“%(title)s” tidak lagi ditampilkan di direktori. Anda dapat menampilkannya "
            "kembali dari formulir ubah."
        )
        % {"title": practice.title},
    )
    return redirect(reverse("agencies:practices") + "?mine=1")
