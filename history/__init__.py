"""Who changed what, when: the change history of every model that holds
official or personal data (django-simple-history), and the helpers that read
it for the "Riwayat perubahan" pages and scrub personal data out of it.

A package of helpers, not an app, like ``uploads``: ``agencies``, ``visits``
and ``reports`` import it, and it imports none of them (it reaches their
historical models by name through the app registry), so the one-way flow of
imports stays as it is.

- ``history.records``: ``tracked()`` declares a model's history; the acting
  user of a service is the history row's user (``records_actor``), in a
  request or not; ``record_change`` records a write that bypassed ``save()``.
- ``history.changes``: a page of changes (field, old value, new value, who,
  when) of one object and its parts, in a bounded number of queries.
- ``history.personal``: ``scrub_personal_history`` blanks the personal data
  kept in the historical rows once it is erased from the live ones.
"""
