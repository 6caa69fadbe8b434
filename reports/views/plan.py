"""The ATM adoption plan: items, review and progress (stubs until built)."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


item_list = plan_detail = item_add = item_detail = item_edit = _todo
item_approve = item_return = item_propose_again = item_start = item_adopt = item_drop = _todo
checkin_add = checkin_evidence = _todo
