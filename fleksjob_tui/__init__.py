"""fleksjob-tui: a terminal guide to the Danish retention flex job (fastholdelsesfleksjob).

The folder list is the data flow, top to bottom (docs/architecture.md): the command line
(``cli``) → the three ways in (``wizard``, ``plain``, ``web``) → the outputs (``documents``) →
the one view of a case (``view``) → the rules (``rules``) → the case and its storage (``case``)
→ the texts and legal parameters (``content``). Each imports only what lies below it.
"""

import os as _os

# Case files hold health information: no third-party pydantic plugin (such as a telemetry
# exporter installed in the same environment) is given the case data to validate. This also
# skips the plugin search at start.
_os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
