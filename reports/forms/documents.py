"""The form of the PDF documents' pages: whose attendance sheet to print."""

from django import forms

from visits.models import Side

# ?pihak= of the attendance sheet, and the word in its file name.
ATTENDANCE_SIDES = {"tamu": Side.VISITOR, "tuan-rumah": Side.HOST}


class AttendanceSideForm(forms.Form):
    """``?pihak=tuan-rumah``: whose attendance sheet; the visitors' by default."""

    pihak = forms.ChoiceField(choices=[(key, key) for key in ATTENDANCE_SIDES], required=False)
