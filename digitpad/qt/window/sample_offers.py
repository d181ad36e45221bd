"""The loop that teaches the model a person's hand, made obvious in the status bar.

When the model is not sure, the status line says that the digit's key files the drawing as a
sample; when the person files a drawing under another digit than the model read, it says so; and
once 20 samples have been filed since the last fine-tune, a button offers one.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Slot
from PySide6.QtWidgets import QPushButton

from digitpad.qt.reading.prediction_view import UNSURE_BELOW

NEW_SAMPLES_FOR_FINE_TUNE = 20
MARK_KEY = "samples/count_at_last_fine_tune"
MESSAGE_MS = 8000
NOT_SURE_TEXT = ("Not sure? If you know the digit, press its key: the drawing joins your samples, "
                 "and the model can learn your hand.")


class SampleOffers(QObject):
    """Watches the window's predictions and filings; offers to file and to fine-tune."""

    def __init__(self, window):
        super().__init__(window)
        self.store = window.samples_dock.store  # the window itself is parent(): a reference would be a cycle
        self._read: int | None = None  # the digit the model read in the drawing on the pad
        self._offered = False
        self._fine_tuning = False
        self.button = QPushButton(objectName="fineTuneOfferButton", visible=False)
        self.button.clicked.connect(self._fine_tune)
        window.statusBar().addPermanentWidget(self.button)
        window.prediction_changed.connect(self._on_prediction)
        window.canvas.digit_key_pressed.connect(self._on_filed)  # after the dock has filed it
        window.samples_dock.changed.connect(self._update_offer)
        panel = window.training_panel
        panel.fine_tune_button.clicked.connect(self._on_fine_tune_started)
        panel.running_changed.connect(self._on_running_changed)
        self._update_offer()

    def new_samples(self) -> int:
        """Samples filed since the last fine-tune began (all of them before the first)."""
        mark = QSettings().value(MARK_KEY, 0)
        mark = int(mark) if str(mark).isdigit() else 0
        return max(0, len(self.store) - min(mark, len(self.store)))

    @Slot(object)
    def _on_prediction(self, probabilities) -> None:
        if probabilities is None:
            self._read, self._offered = None, False
            return
        self._read = max(range(10), key=probabilities.__getitem__)
        status = self.parent().statusBar()
        if max(probabilities) < UNSURE_BELOW and not self._offered:
            self._offered = True
            status.showMessage(NOT_SURE_TEXT, MESSAGE_MS)
        elif max(probabilities) >= UNSURE_BELOW and status.currentMessage() == NOT_SURE_TEXT:
            status.clearMessage()  # the rest of the drawing made it sure: the offer no longer applies

    @Slot(int)
    def _on_filed(self, digit: int) -> None:
        read, self._read = self._read, None
        if read is not None and read != digit:
            self.parent().statusBar().showMessage(
                f"Filed as {digit}; the model read {read}. {self._progress_text()}", MESSAGE_MS)

    def _progress_text(self) -> str:
        left = NEW_SAMPLES_FOR_FINE_TUNE - self.new_samples()
        if left <= 0:
            return "Fine-tune it on your samples to teach it your hand."
        return f"{left} more sample{'s' if left != 1 else ''} and a fine-tune can teach it your hand."

    @Slot()
    def _update_offer(self) -> None:
        count = self.new_samples()
        self.button.setText(f"Fine-tune on your {count:,} new samples")
        self.button.setVisible(count >= NEW_SAMPLES_FOR_FINE_TUNE and not self._fine_tuning)

    @Slot()
    def _fine_tune(self) -> None:
        self.parent().training_panel.start_fine_tune()
        self._on_fine_tune_started()

    @Slot()
    def _on_fine_tune_started(self) -> None:
        """Called after the panel's own handler: it may have refused (a run going, too few samples)."""
        if self.parent().training_panel.is_running():
            QSettings().setValue(MARK_KEY, len(self.store))
            self._fine_tuning = True
            self._update_offer()

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        if not running:
            self._fine_tuning = False
            self._update_offer()
