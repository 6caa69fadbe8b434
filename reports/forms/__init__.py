"""The forms of the reports app, one module per page of ``reports/views/``,
imported from there: ``writing`` (the report, its findings, quotes and
authors, returning and unpublishing it), ``photos`` (the documentation
photos), ``plan`` (the ATM plan, its items and their progress) and
``documents`` (whose attendance sheet the PDF shows)."""
