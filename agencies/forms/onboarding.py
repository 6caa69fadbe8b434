"""Forms of a national administrator bringing an agency into the portal: the
agency (its province, then its kabupaten/kota among that province's), and
the invitation of its first coordinator."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models import Agency, Province, Regency, Role
from .members import InvitationForm

# The kabupaten/kota choice of a provincial agency (which has none).
PROVINCE_LEVEL = "provinsi"
# The submit button that only shows the chosen province's kabupaten/kota (for
# a browser without JavaScript, where htmx does not swap the list in).
CHOOSE_REGION = "wilayah"


def _limit(field_name):
    return Agency._meta.get_field(field_name).max_length


class RegionForm(forms.Form):
    """The province and, among its own, the kabupaten/kota: the list of the
    second depends on the first (``regency_choices``), sent again by the page
    ``agencies:agency_regencies`` when the province changes. Codes are
    Kemendagri's ("33", "33.71"); "provinsi" chooses the province's own
    Dinas Sosial."""

    province = forms.ChoiceField(label=_("Provinsi"))
    regency = forms.ChoiceField(
        label=_("Kabupaten/kota"),
        help_text=_("Hanya kabupaten/kota di provinsi yang dipilih."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.provinces = {p.code: p for p in Province.objects.order_by("name")}
        province = self.fields["province"]
        province.choices = [("", _("— pilih provinsi —"))] + [
            (code, p.name) for code, p in self.provinces.items()
        ]
        province.widget.attrs |= {
            "data-hx-get": reverse("agencies:agency_regencies"),
            "data-hx-target": "#id_regency",
            "data-hx-trigger": "change",
            "aria-controls": "id_regency",
        }
        chosen = self.provinces.get(self._province_code())
        self.regencies = (
            {r.code: r for r in Regency.objects.filter(province=chosen).order_by("name")}
            if chosen
            else {}
        )
        self.fields["regency"].choices = self.regency_choices(chosen)

    def _province_code(self):
        value = self.data.get("province") if self.is_bound else self.initial.get("province")
        return value if isinstance(value, str) else ""

    def regency_choices(self, province):
        if province is None:
            return [("", _("— pilih provinsi dahulu —"))]
        return [
            ("", _("— pilih kabupaten/kota —")),
            (
                PROVINCE_LEVEL,
                _("Dinas Sosial tingkat provinsi (%(province)s)") % {"province": province.name},
            ),
        ] + [(code, regency.name) for code, regency in self.regencies.items()]

    def clean_province(self):
        return self.provinces[self.cleaned_data["province"]]

    def clean_regency(self):
        code = self.cleaned_data["regency"]
        return None if code == PROVINCE_LEVEL else self.regencies[code]


class AgencyForm(RegionForm):
    """A new agency: its region, then what its letters and pages show. An
    empty name, short name or letterhead takes the region's usual one
    (``services.agency_defaults``)."""

    name = forms.CharField(
        label=_("Nama instansi"),
        max_length=_limit("name"),
        required=False,
        help_text=_("Kosongkan untuk memakai nama baku, misalnya: Dinas Sosial Kota Magelang."),
    )
    short_name = forms.CharField(
        label=_("Nama singkat"),
        max_length=_limit("short_name"),
        required=False,
        help_text=_("Kosongkan untuk memakai, misalnya: Dinsos Kota Magelang."),
    )
    letterhead = forms.CharField(
        label=_("Kop surat"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Satu baris per baris kop, dari atas ke bawah. Kosongkan untuk memakai, misalnya: "
            "PEMERINTAH KOTA MAGELANG / DINAS SOSIAL."
        ),
    )
    signing_place = forms.CharField(
        label=_("Tempat penandatanganan"),
        max_length=_limit("signing_place"),
        required=False,
        help_text=_(
            "Kota tempat dokumen instansi ditandatangani, misalnya “Wonosari” untuk "
            "Kabupaten Gunungkidul. Kosong: ibu kota kabupaten/kota atau provinsinya."
        ),
    )
    address = forms.CharField(
        label=_("Alamat"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    phone = forms.CharField(label=_("Telepon"), max_length=_limit("phone"), required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=_limit("email"), required=False)
    website = forms.URLField(
        label=_("Situs web"), max_length=_limit("website"), required=False, assume_scheme="https"
    )
    step = forms.ChoiceField(
        choices=[("", ""), (CHOOSE_REGION, CHOOSE_REGION)], required=False, widget=forms.HiddenInput
    )

    def only_choosing_region(self) -> bool:
        """True when the no-JavaScript button asked for the province's
        kabupaten/kota list: the page comes back with the list, unsaved and
        without errors."""
        return self.data.get("step") == CHOOSE_REGION

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("step", None)
        return data


class CoordinatorInvitationForm(InvitationForm):
    """The first coordinator of a new agency: a coordinator (staff) or the
    agency's admin; the agency has no divisions yet."""

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, agency=agency, **kwargs)
        del self.fields["division"]
        role = self.fields["role"]
        role.choices = [(r.value, r.label) for r in (Role.STAFF, Role.ADMIN)]
        role.initial = Role.STAFF
        role.help_text = _(
            "Koordinator mengundang rekan-rekannya sendiri setelah masuk; admin juga harus "
            "memakai aplikasi autentikator."
        )
        self.fields["position"].help_text = _("Misalnya: Kepala Subbagian Umum dan Kepegawaian.")
