"""``python -m fleksjob_tui``, and the ``fleksjob`` command (:func:`main`).

Python's garbage collector is off while the program starts: its collections, going again and
again through everything the imports make, cost about 5 % of the instructions to the wizard's
first paint (issue 26). The command line turns it on again as soon as it knows the command is
not the wizard; the wizard once its first screen is painted (``FleksjobApp.first_screen_painted``).
"""

import gc
import sys


def main() -> int:
    gc.disable()
    try:
        # imported here: after the collector is off (most of the start)
        from .cli import main as run
    except KeyboardInterrupt:  # Ctrl+C while the program starts: nothing is open yet
        return 130
    return run()


if __name__ == "__main__":
    sys.exit(main())
