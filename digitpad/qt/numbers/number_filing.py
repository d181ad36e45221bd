"""Filing a number as samples: the person types it ("2026"), Enter files each digit under its own digit.

In single-digit mode a digit key files the drawing at once; a number needs all its digits
first, so in number mode keys are gathered until Enter (Backspace takes one back).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt

from digitpad.core.samples.labelling import NOTHING_TO_FILE

MESSAGE_MS = 5000
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class NumberFiling(QObject):
    """Gathers typed digits for the number on the canvas and files them on Enter."""

    def __init__(self, window, number_mode):
        super().__init__(window)
        self._mode = number_mode
        self.typed = ""

    def _window(self):
        # Asked of Qt: a Python reference to the window would make a cycle that outlives it.
        return self.parent()

    def reset(self) -> None:
        self.typed = ""

    def key_pressed(self, key: int) -> bool:
        """Handle a key on the canvas in number mode; False leaves it to the canvas."""
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            self.typed += str(key - Qt.Key.Key_0)
        elif key == Qt.Key.Key_Backspace and self.typed:
            self.typed = self.typed[:-1]
        elif key in ENTER:
            self.file(self.typed)
            return True
        else:
            return False
        self._say(f"Filing as {self.typed}: type the number, then Enter." if self.typed else " ")
        return True

    def file(self, typed: str) -> int:
        """File each digit of the drawing under the typed digit at its place; return how many were filed."""
        self.typed = ""
        reading = self._mode.reading()
        if reading is None or not reading.digits:
            self._say(NOTHING_TO_FILE)
            return 0
        if len(typed) != len(reading.digits):
            self._say(
                f"You typed {len(typed)} digits for {len(reading.digits)} boxes: type one digit per box, then Enter."
            )
            return 0
        strokes = self._window().canvas.strokes()
        view = self._window().samples_dock.view
        try:
            for digit, label in zip(reading.digits, typed):
                view.add([strokes[i] for i in digit.strokes], digit.image, int(label))
        except OSError as error:
            self._say(f"Could not save the samples in {view.store.folder} ({error.strerror or error}).", 0)
            return 0
        self._say(f"Filed {typed}: {len(typed)} samples, one per digit.")
        self._window().canvas.clear()
        return len(typed)

    def _say(self, text: str, milliseconds: int = MESSAGE_MS) -> None:
        self._window().statusBar().showMessage(text, milliseconds)
