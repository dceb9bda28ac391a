"""The wizard: the Textual app, one of the three ways in (with :mod:`fleksjob_tui.plain` and
:mod:`fleksjob_tui.web`).

* :mod:`.app` (and ``app.tcss``) — owns the case, the order of the steps and autosave
* :mod:`.screens` — one thin module per step and per window: shows the case, writes answers back
* :mod:`.widgets` — reusable parts (yes/no/don't know, date field, list editing, help)

The only package that imports Textual (besides the browser's driver, ``web/driver.py``); only
the command line imports it, and only when the wizard is shown.
"""
