"""What the model reads in number mode: the number large, then each digit with its confidence and input.

Clicking a digit shows its ten bars beside the row; the last digit is shown until one is chosen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from digitpad.qt.reading.prediction_view import CAPTION_COLOR, IDLE_COLOR, SURE_COLOR, UNSURE_COLOR
from digitpad.qt.reading.probability_bars import ProbabilityBars
from digitpad.qt.widgets.thumbnail import digit_pixmap

CELL_IMAGE_PX = 56
SELECTED_FRAME = "QFrame#digitCell { border: 1px solid #5b7fbf; border-radius: 4px; }"
PLAIN_FRAME = "QFrame#digitCell { border: 1px solid transparent; border-radius: 4px; }"


class DigitCell(QFrame):
    """One digit of the number: the digit, its confidence, the 28x28 input, and "not sure" if so."""

    clicked = Signal(int)

    def __init__(self, index: int, parent: QWidget | None = None):
        super().__init__(parent, objectName="digitCell")
        self.index = index
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFixedWidth(CELL_IMAGE_PX + 14)
        self.digit_label = _label("cellDigit", 26, QFont.Weight.DemiBold)
        self.confidence_label = _label("cellConfidence", 12, QFont.Weight.Normal, CAPTION_COLOR)
        self.image_label = QLabel(objectName="cellImage", alignment=Qt.AlignmentFlag.AlignHCenter)
        self.mark_label = _label("cellMark", 11, QFont.Weight.DemiBold, UNSURE_COLOR)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(1)
        for widget in (self.digit_label, self.confidence_label, self.image_label, self.mark_label):
            layout.addWidget(widget)
        self._selected: bool | None = None
        self.set_selected(False)

    def show_digit(self, reading) -> None:
        """Show one DigitReading."""
        self.digit_label.setText(str(reading.digit))
        self.confidence_label.setText(f"{reading.confidence:.0%}")
        self.mark_label.setText("not sure" if reading.unsure else " ")
        self.image_label.setPixmap(digit_pixmap(reading.image, CELL_IMAGE_PX))

    def set_selected(self, selected: bool) -> None:
        """Frame the chosen digit; the style sheet is set only on change, as it costs milliseconds."""
        if selected == self._selected:
            return
        self._selected = selected
        self.setStyleSheet(SELECTED_FRAME if selected else PLAIN_FRAME)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.index)


class NumberView(QWidget):
    """Shows a NumberReading, or why there is none (empty canvas, model loading)."""

    digit_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="numberView")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._number = _label("numberLabel", 56, QFont.Weight.DemiBold)
        self._number.setTextFormat(Qt.TextFormat.RichText)
        self._verdict = _label("numberVerdict", 13, QFont.Weight.Normal, CAPTION_COLOR)
        self._bars_caption = _label("barsCaption", 12, QFont.Weight.Normal, CAPTION_COLOR)
        self.bars = ProbabilityBars()
        self.bars.setFixedWidth(250)
        self._cells: list[DigitCell] = []
        self._reading = None
        self._plain = ""
        self._selected: int | None = None
        self._lay_out()
        self.show_empty()

    def _lay_out(self) -> None:
        self._row = QHBoxLayout()
        self._row.setSpacing(2)
        self._row.addStretch(1)
        row_widget = QWidget()
        row_widget.setLayout(self._row)
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setWidget(row_widget)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumHeight(CELL_IMAGE_PX + 80)
        left = QVBoxLayout()
        for widget in (self._number, self._verdict, scroll):
            left.addWidget(widget)
        right = QVBoxLayout()
        right.addWidget(self._bars_caption)
        right.addWidget(self.bars)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(left, 1)
        layout.addLayout(right)

    # ----- what is shown

    def show_reading(self, reading) -> None:
        """Show a NumberReading: the number, one cell per digit, the chosen digit's bars."""
        self._reading = reading
        digits = reading.digits
        if not digits:
            self._show_idle("no digit yet: write a bigger one")
            return
        spans = [f'<span style="color:{UNSURE_COLOR if d.unsure else SURE_COLOR}">{d.digit}</span>' for d in digits]
        self._number.setText("".join(spans))
        self._plain = reading.text or ""
        unsure = sum(d.unsure for d in digits)
        count = f"{len(digits)} digit{'s' if len(digits) > 1 else ''}"
        self._verdict.setText(f"{count}, {unsure} not sure" if unsure else f"{count}, all sure")
        self._set_cell_count(len(digits))
        for cell, digit in zip(self._cells, digits):
            cell.show_digit(digit)
        if self._selected is None or self._selected >= len(digits):
            self._selected = None
        self._show_bars()

    def show_empty(self) -> None:
        self._show_idle("write a number, left to right")

    def show_loading(self, text: str) -> None:
        self._show_idle(text)

    def shown_number(self) -> str:
        """The digits shown large ("" when none)."""
        return self._plain

    def shown_digit(self):
        """The DigitReading whose bars are shown (None: no digit)."""
        if self._reading is None or not self._reading.digits:
            return None
        return self._reading.digits[self._shown_index()]

    def _shown_index(self) -> int:
        """The digit clicked, else the last one written."""
        return len(self._reading.digits) - 1 if self._selected is None else self._selected

    def cells(self) -> list[DigitCell]:
        return list(self._cells)

    def select(self, index: int) -> None:
        """Show the ten bars of digit `index` (0: the leftmost)."""
        self._selected = index
        self._show_bars()
        self.digit_selected.emit(index)

    # ----- inner workings

    def _show_idle(self, text: str) -> None:
        self._reading, self._plain = None, ""
        self._number.setText(f'<span style="color:{IDLE_COLOR}">–</span>')
        self._verdict.setText(text)
        self._set_cell_count(0)
        self._bars_caption.setText(" ")
        self.bars.set_probabilities(None)

    def _show_bars(self) -> None:
        digits = self._reading.digits
        index, shown = self._shown_index(), self.shown_digit()
        self._bars_caption.setText(f"digit {index + 1} of {len(digits)}: {shown.digit}")
        self.bars.set_probabilities(shown.probabilities, shown.unsure)
        for cell in self._cells:
            cell.set_selected(cell.index == index)

    def _set_cell_count(self, count: int) -> None:
        """Cells are kept and reused: rebuilding them at every stroke update would flicker."""
        while len(self._cells) > count:
            self._cells.pop().deleteLater()
        while len(self._cells) < count:
            cell = DigitCell(len(self._cells))
            cell.clicked.connect(self.select)
            self._row.insertWidget(len(self._cells), cell)
            self._cells.append(cell)
            cell.show()  # added to a row that may already be visible


def _label(name: str, pixels: int, weight: QFont.Weight, color: str | None = None) -> QLabel:
    """A centred label with its font (and colour) set directly: style sheets per update cost milliseconds."""
    label = QLabel(objectName=name, alignment=Qt.AlignmentFlag.AlignHCenter)
    font = label.font()
    font.setPixelSize(pixels)
    font.setWeight(weight)
    label.setFont(font)
    if color:
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(color))
        label.setPalette(palette)
    return label
