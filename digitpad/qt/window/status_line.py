"""The window's status bar: the model in use on the right, and a lasting notice when nothing can be saved.

The messages get the width the permanent widgets leave. So the model's name is kept short (the
whole of it on hover), and a message too long for the room is shortened with an ellipsis rather
than run under those widgets; the whole message is the bar's tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QLabel, QMainWindow, QStatusBar, QWidget

from digitpad.qt.app.app_paths import app_data_dir, unwritable_reason
from digitpad.qt.widgets.elided_label import ElidedLabel

MODEL_NAME_WIDEST = 260  # pixels: "Model: " and a name of about 35 characters
MESSAGE_MARGIN = 24  # pixels: the bar's own margins and the size grip


class StatusBar(QStatusBar):
    """A QStatusBar whose messages fit their room; `currentMessage()` is still the whole message."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._permanent: list[QWidget] = []
        self._message = ""
        self.messageChanged.connect(self._on_message_changed)

    def addPermanentWidget(self, widget: QWidget, stretch: int = 0) -> None:
        self._permanent.append(widget)
        super().addPermanentWidget(widget, stretch)

    @Slot(str)
    @Slot(str, int)
    def showMessage(self, text: str, timeout: int = 0) -> None:
        self._message = text
        super().showMessage(self._fitted(text), timeout)
        self.setToolTip(text)

    def currentMessage(self) -> str:
        return self._message if super().currentMessage() else ""

    def message_room(self) -> int:
        """Pixels left for a message beside the permanent widgets shown (or about to be)."""
        spacing = max(self.layout().spacing(), 0)
        taken = sum(widget.sizeHint().width() + spacing for widget in self._permanent if widget.isVisibleTo(self))
        return max(0, self.width() - taken - MESSAGE_MARGIN)

    def _fitted(self, text: str) -> str:
        if not self.isVisible():  # not laid out yet: its width means nothing
            return text
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, self.message_room())

    @Slot(str)
    def _on_message_changed(self, text: str) -> None:
        if not text:  # timed out or cleared
            self._message = ""
            self.setToolTip("")


def build_status_bar(window: QMainWindow) -> ElidedLabel:
    """Give the window its status bar; return the label that names the model in use."""
    bar = StatusBar()
    window.setStatusBar(bar)
    model_label = ElidedLabel(MODEL_NAME_WIDEST, "no model", objectName="modelLabel")
    bar.addPermanentWidget(model_label)
    reason = unwritable_reason(app_data_dir())
    if reason:  # said for as long as it lasts: nothing the person makes would be kept
        text = f"Cannot save in {app_data_dir()} ({reason}): samples and trained models will not be kept."
        bar.addWidget(QLabel(text, objectName="cannotSaveLabel", wordWrap=True))
    return model_label
