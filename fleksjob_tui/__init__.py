"""fleksjob-tui: a terminal guide to the Danish retention flex job (fastholdelsesfleksjob)."""

import os as _os

# Case files hold health information: no third-party pydantic plugin (such as a telemetry
# exporter installed in the same environment) is given the case data to validate. This also
# skips the plugin search at start.
_os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
