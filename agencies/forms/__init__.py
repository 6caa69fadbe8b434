"""The forms of the agencies app, one module per subject, imported from there:
``accounts`` (django-allauth's forms with the portal's words, named in
``settings.ACCOUNT_FORMS``), ``members`` (inviting and changing a member,
accepting an invitation), ``practices`` (a good practice) and ``search`` (the
agency search of the select widgets)."""
