"""The case and its storage: the bottom of the data flow but for the content.

* :mod:`.model` — the case (pydantic): the one schema of the TOML file (docs/case-format.md)
* :mod:`.storage` — finding, reading and safely writing case files; every error one
  ``CaseFileError`` in plain words
* :mod:`.locking` — one writer per case; :mod:`.watch` — has the file changed on disk?
* :mod:`.dates` — dates as Danes write them; :mod:`.privacy` — CPR numbers found and removed
* :mod:`.examples` — the example cases shipped in ``content/examples/``

Imports only :mod:`fleksjob_tui.content`; never Textual, the rules or an output.
"""
