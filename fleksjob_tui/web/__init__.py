"""The wizard in a local browser, one of the three ways in.

* :mod:`.server` — ``fleksjob serve``: textual-serve on loopback only, a random token in the
  address, the WebSocket's Origin checked; runs the same wizard as ``fleksjob open`` in a
  subprocess for each browser window. Never imports Textual itself.
* :mod:`.driver` — Textual's web driver as the wizard runs it inside that subprocess
* ``page.html`` and ``fonts/`` — the page and its font; the words are in ``content/serve.toml``
"""
