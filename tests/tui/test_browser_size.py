"""Issue 22, point 6: a page that asks for a huge window (20000×20000) hung the wizard; the
browser's driver keeps a resize within the sizes the server gives a new window."""

from __future__ import annotations

import pytest

from fleksjob_tui.web.driver import HEIGHT, WIDTH, ServeDriver


class _App:
    def __init__(self) -> None:
        self.posted = []

    def post_message(self, message) -> None:
        self.posted.append(message)


@pytest.mark.parametrize(("asked", "given"), [
    ((20000, 20000), (WIDTH[1], HEIGHT[1])),
    ((120, 40), (120, 40)),
    ((0, -5), (WIDTH[0], HEIGHT[0])),
    (("x", None), (WIDTH[0], HEIGHT[0])),
    ((10**30, 10**30), (WIDTH[1], HEIGHT[1])),
])
def test_a_resize_is_kept_within_bounds(asked, given):
    driver = object.__new__(ServeDriver)  # only what on_meta uses: the app and the size
    driver._app = _App()
    driver._size = (80, 24)
    driver.on_meta("resize", {"width": asked[0], "height": asked[1]})
    assert driver._size == given
    [resize] = driver._app.posted
    assert (resize.size.width, resize.size.height) == given
