"""Documentation photos of a report: upload several at once with their
captions, change a caption, delete one, and serve the files.

Media files are not served by URL: ``photo_file`` hands out a photo only to
the agency that wrote the report, or to anyone once the report is published.
"""

import mimetypes

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe
from django_htmx.http import HttpResponseClientRedirect

from edits.guard import EditConflict, EditGuard, render_edit

from .. import permissions, services
from ..forms.photos import PhotoCaptionForm, PhotoUploadForm
from ..models import Photo
from ..permissions import get_report_for_user
from ..photos import max_upload_bytes

# /foto/<pk>/<size>/: the stored photo or its thumbnail.
SIZES = {"asli": "image", "kecil": "thumbnail"}
GALLERY_ANCHOR = "foto-dokumentasi"
# A published report never changes again, nor do its photos: browsers and
# proxies may keep them. A draft's photo stays in the browser only.
PUBLIC_CACHE = "public, max-age=604800, immutable"
PRIVATE_CACHE = "private, max-age=3600"


def _gallery_url(report):
    return reverse("reports:detail", args=[report.pk]) + f"#{GALLERY_ANCHOR}"


def _get_photo(request, pk, photo_pk):
    """The photo ``photo_pk`` of report ``pk``, which the user may manage
    (another agency's report: 404; the wrong role or state: 403)."""
    report = get_report_for_user(request, pk, check=permissions.can_manage_photos)
    photo = get_object_or_404(Photo, pk=photo_pk, report=report)
    photo.report = report
    return photo


def _saved(request, report, form):
    """Save the batch's good photos and say so, naming each refused file with
    its reason (and the caption typed for it, so that nothing is lost). With
    refused files the user comes back to the upload page to choose them again.
    The page's script uploads with progress (``HX-Request``): it is told where
    to go instead of following a redirect."""
    created = services.photo_add(report=report, by=request.user, photos=form.new_photos())
    messages.success(
        request,
        ngettext("%(count)d foto tersimpan.", "%(count)d foto tersimpan.", len(created))
        % {"count": len(created)},
    )
    for reason, caption in form.refused_photos():
        text = _("Ditolak, tidak disimpan: %(reason)s") % {"reason": reason}
        if caption:
            text += " " + _("Keterangan yang Anda ketik: «%(caption)s».") % {"caption": caption}
        messages.warning(request, text)
    url = (
        reverse("reports:photo_upload", args=[report.pk]) if form.refused else _gallery_url(report)
    )
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def photo_upload(request, pk):
    """Upload several photos at once, each with its caption. The good files
    of a batch are saved, the refused ones named (see ``PhotoUploadForm``)."""
    report = get_report_for_user(request, pk, check=permissions.can_manage_photos)
    if request.method == "POST":
        form = PhotoUploadForm(request.POST, request.FILES)
        if form.is_valid():
            return _saved(request, report, form)
    else:
        form = PhotoUploadForm()
    context = {
        "report": report,
        "form": form,
        "typed_captions": form.typed_captions() if form.is_bound else {},
        "photos": report.photos.all(),
        "can_manage_photos": True,
        "max_files": settings.PHOTO_MAX_FILES,
        "max_bytes": max_upload_bytes(),
        "gallery_url": _gallery_url(report),
    }
    return render(request, "reports/photo_upload.html", context)


def photo_edit(request, pk, photo_pk):
    """Change a photo's caption; a save over someone else's change made
    since the page opened is refused (409) with both versions shown."""
    photo = _get_photo(request, pk, photo_pk)
    edit_guard = EditGuard(request, about=photo, values=services.photo_values)
    if request.method == "POST":
        form = PhotoCaptionForm(request.POST, instance=photo)
        if form.is_valid():
            try:
                services.photo_update_caption(
                    photo=photo,
                    by=request.user,
                    caption=form.cleaned_data["caption"],
                    version=edit_guard.version,
                )
            except EditConflict as conflict:
                edit_guard.conflict = conflict
            else:
                messages.success(request, _("Keterangan foto tersimpan."))
                return redirect(_gallery_url(photo.report))
    else:
        form = PhotoCaptionForm(instance=photo)
    return render_edit(
        request,
        "reports/photo_edit.html",
        {"report": photo.report, "photo": photo, "form": form},
        edit_guard,
    )


def photo_delete(request, pk, photo_pk):
    """GET asks for confirmation, POST deletes."""
    photo = _get_photo(request, pk, photo_pk)
    if request.method == "POST":
        services.photo_delete(photo=photo, by=request.user)
        messages.success(request, _("Foto telah dihapus."))
        return redirect(_gallery_url(photo.report))
    return render(request, "reports/photo_delete.html", {"report": photo.report, "photo": photo})


@login_not_required
@require_safe
def photo_file(request, photo_pk, size):
    """A photo or its thumbnail: for anyone when the report is published, for
    the agency that wrote it otherwise. Someone not logged in is asked to log
    in whether or not the photo exists; another agency gets 404."""
    field = SIZES.get(size)
    if field is None:
        raise Http404
    photo = Photo.objects.select_related("report").filter(pk=photo_pk).first()
    public = photo is not None and photo.report.is_published
    if not public:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if photo is None or not permissions.can_view(request.user, photo.report):
            raise Http404
    file = getattr(photo, field)
    if not file:
        raise Http404
    # The file under a given address never changes: a new photo is a new pk.
    etag = f'"foto-{photo.pk}-{size}"'
    cache_control = PUBLIC_CACHE if public else PRIVATE_CACHE
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified["Cache-Control"] = cache_control
        return not_modified
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else "jpg"
    response = FileResponse(
        handle,
        content_type=mimetypes.guess_type(file.name)[0] or "application/octet-stream",
        filename=f"foto-{photo.pk}{'-kecil' if size == 'kecil' else ''}.{extension}",
    )
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    return response
