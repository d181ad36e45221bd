"""A spin box or list box takes the mouse wheel only once clicked: scrolling a form never changes a setting.

Qt gives the wheel to whichever spin box or combo box lies under the pointer. Scrolling down the
Training tab to reach the MNIST folder changed the seed from 42 to 31 on the way (found by trying
it as a person would), and the learning rate or the batch size could as well. A guarded box
ignores the wheel until it has the keyboard focus (a click or Tab), and the wheel scrolls the
form it sits in instead, as browsers and most desktop apps do.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or watched.hasFocus():
            return False
        area = _scroll_area_around(watched)
        if area is not None:
            QCoreApplication.sendEvent(area.viewport(), event)  # the form scrolls
        return True  # the box keeps its value


@cache
def _the_guard() -> _WheelGuard:
    return _WheelGuard()  # made with the first box: on the GUI thread, where an event filter must live


def guard_wheel(box: QWidget) -> QWidget:
    """Make `box` (a spin box or combo box) take the wheel only when focused; returns it."""
    box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel itself no longer gives it the focus
    box.installEventFilter(_the_guard())
    return box


def _scroll_area_around(widget: QObject) -> QAbstractScrollArea | None:
    parent = widget.parent()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parent()
    return parent
