"""Forms for documentation photos: uploading several at once with a caption
each, and changing a caption later."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import photos
from ..models import Photo

CAPTION_MAX_LENGTH = Photo._meta.get_field("caption").max_length


@dataclass(frozen=True)
class RefusedPhoto:
    """A chosen file the photo check refused: its place in the selection,
    its name and why (the reason names the file: "a.jpg: berkas rusak")."""

    index: int
    name: str
    reason: str


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files and cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = list(data) if isinstance(data, list | tuple) else [data] if data else []
        if not items:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        clean_one = super().clean
        return [clean_one(item, initial) for item in items]


class PhotoUploadForm(forms.Form):
    """Several photos, each with its caption.

    The caption of the n-th chosen file arrives as ``caption_<n>`` (the page's
    script adds one field per file; without it, captions are written after the
    upload). Each file is checked on its own: the good ones are saved and the
    refused ones named with their reason (``refused``). The form is invalid
    only when no file is good, there are too many files or a caption is
    refused; then none is saved, every refused file is named, and the captions
    typed come back so that the page can fill them in again when the files are
    chosen again.
    """

    photos = MultipleFileField(
        label=_("Foto"),
        widget=MultipleFileInput(
            attrs={"accept": photos.ACCEPT_ATTRIBUTE, "class": "form-control js-photo-input"}
        ),
        error_messages={"required": _("Pilih sedikitnya satu foto.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = []
        # The limits are said before a file is chosen, and read with the field.
        self.fields["photos"].widget.attrs["aria-describedby"] = "photo-limits"
        self.fields["photos"].help_text = _(
            "JPEG, PNG atau WebP; paling besar %(size)s MB per foto, paling banyak "
            "%(count)s foto sekali unggah. Lokasi GPS dan data EXIF lain dihapus."
        ) % {"size": settings.PHOTO_MAX_UPLOAD_MB, "count": settings.PHOTO_MAX_FILES}

    def uploads(self):
        return self.files.getlist("photos") if self.is_bound else []

    def captions(self):
        """The captions typed, one per chosen file, in the files' order."""
        return [
            str(self.data.get(f"caption_{index}", "")).strip()
            for index in range(len(self.uploads()))
        ]

    def typed_captions(self):
        """File name → caption typed, for the page to restore after a refusal."""
        return {
            upload.name: caption
            for upload, caption in zip(self.uploads(), self.captions(), strict=True)
            if caption
        }

    def clean_photos(self):
        uploads = self.cleaned_data["photos"]
        if len(uploads) > settings.PHOTO_MAX_FILES:
            raise ValidationError(
                ngettext(
                    "Paling banyak %(limit)d foto sekali unggah; Anda memilih %(count)d.",
                    "Paling banyak %(limit)d foto sekali unggah; Anda memilih %(count)d.",
                    settings.PHOTO_MAX_FILES,
                )
                % {"limit": settings.PHOTO_MAX_FILES, "count": len(uploads)}
            )
        processed, self.refused = {}, []
        for index, upload in enumerate(uploads):
            try:
                processed[index] = photos.process_upload(upload)
            except photos.PhotoError as error:
                self.refused.append(RefusedPhoto(index, upload.name, str(error)))
        if not processed:
            raise ValidationError([ValidationError(refused.reason) for refused in self.refused])
        return processed

    def clean(self):
        cleaned = super().clean()
        for upload, caption in zip(self.uploads(), self.captions(), strict=True):
            # The captions are fields the page's script adds: checked here as
            # a form field would be (a NUL byte reached the database: a 500).
            if "\x00" in caption:
                self.add_error(
                    None,
                    _("Keterangan foto %(name)s berisi karakter yang tidak diizinkan.")
                    % {"name": upload.name},
                )
            elif len(caption) > CAPTION_MAX_LENGTH:
                self.add_error(
                    None,
                    _(
                        "Keterangan foto %(name)s terlalu panjang: %(length)d karakter, "
                        "paling banyak %(limit)d."
                    )
                    % {"name": upload.name, "length": len(caption), "limit": CAPTION_MAX_LENGTH},
                )
        return cleaned

    def new_photos(self):
        """``(processed, caption)`` pairs of the good files for ``services.photo_add``."""
        captions = self.captions()
        return [
            (processed, captions[index]) for index, processed in self.cleaned_data["photos"].items()
        ]

    def refused_photos(self):
        """The files refused in a batch whose other files are saved: each
        with its reason and the caption typed for it."""
        captions = self.captions()
        return [(refused.reason, captions[refused.index]) for refused in self.refused]


class PhotoCaptionForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["caption"]
        widgets = {"caption": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "caption": _(
                "Apa atau siapa yang tampak, di mana. Misalnya: Paparan FTJSLP oleh "
                "Kepala Dinas Sosial Kota Magelang di aula kantor."
            )
        }
