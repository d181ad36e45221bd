"""Number mode: write several digits, read them one by one. Qt wiring over the pure core.

The window keeps its own canvas, timer and shortcuts; this object adds the checkable action
(`numberModeAction`, remembered in the settings), swaps the square canvas and single-digit view
for a wide canvas and the number view, reads the strokes as a number when the window predicts,
draws the faint grouping boxes, takes right-clicks that join or split digits, and files a drawing
digit by digit when the person types the number and presses Enter. Look inside follows the digit
whose bars are shown (the last one written, or the one clicked).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, QSettings, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar, QVBoxLayout, QWidget

from digitpad.core.inference.predictor import Reading
from digitpad.core.numbers.number_fixes import GroupingFixes
from digitpad.core.numbers.number_reading import NumberReading, read_strokes, read_views
from digitpad.core.numbers.stroke_boxes import Box
from digitpad.qt.drawing.canvas import DIGIT_HINT, MIN_SIDE
from digitpad.qt.numbers.group_overlay import PADDING, GroupOverlay
from digitpad.qt.numbers.number_filing import NumberFiling
from digitpad.qt.numbers.number_view import NumberView
from digitpad.qt.widgets.aspect_box import AspectBox

SETTING = "canvas/numberMode"
# Wide enough for six digits of comfortable size: at 3:1 a 260 px high canvas takes six digits
# 150 px high with gaps of half a digit. Below 600 x 200 the window widens rather than shrink it.
RATIO = 3.0
WIDE_MINIMUM = (600, 200)
NUMBER_HINT = "Write a number here, left to right"
HELP = "Number mode: write digits left to right. Right-click a box to split it, between two boxes to join them."


class NumberMode(QObject):
    """Number mode for one MainWindow: `read(predictor)` reads the canvas when the mode is on."""

    def __init__(self, window):
        super().__init__(window)
        self._canvas = window.canvas
        self._square_box = self._canvas.parentWidget()
        self._reading: NumberReading | None = None
        self.fixes = GroupingFixes()
        self.view = NumberView()
        self.overlay = GroupOverlay(self._canvas)
        self.overlay.hide()
        self.filing = NumberFiling(window, self)
        self._build_panel()
        self._read_signal = window.live_prediction.read
        self.view.digit_selected.connect(self._tell_look_inside)
        self.action = QAction("&Number mode", window, objectName="numberModeAction", checkable=True)
        self.action.setToolTip(HELP)
        self._place_action()
        self._canvas.installEventFilter(self)
        window.live_prediction.other_reader = self.read
        self.action.setChecked(_remembered())
        self.action.toggled.connect(self.set_active)
        if self.action.isChecked():
            self._switch(True)  # the window predicts once its model has loaded

    def _window(self):
        # Asked of Qt: a Python reference to the window would make a cycle that outlives it.
        return self.parent()

    def is_active(self) -> bool:
        return self.action.isChecked()

    def reading(self) -> NumberReading | None:
        """The last number read (None: none yet, or the canvas is empty)."""
        return self._reading

    # ----- building

    def _build_panel(self) -> None:
        """The wide canvas above the number view; built once, shown in number mode only."""
        self._panel = QWidget(objectName="numberPanel")
        self._wide_box = AspectBox(RATIO)
        layout = QVBoxLayout(self._panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._wide_box, 1)
        layout.addWidget(self.view)
        self._panel.hide()

    def _place_action(self) -> None:
        """In the menu and the toolbar that hold Undo (the Edit menu and the drawing toolbar)."""
        holders = self._window().menus.undo_action.associatedObjects()
        menus = [o for o in holders if isinstance(o, QMenu)] or [self._window().menuBar().addMenu("&View")]
        menus[0].addSeparator()
        menus[0].addAction(self.action)
        for toolbar in (o for o in holders if isinstance(o, QToolBar)):
            toolbar.addSeparator()
            toolbar.addAction(self.action)

    # ----- switching

    @Slot(bool)
    def set_active(self, active: bool) -> None:
        """Switch the mode (the action's toggled signal), remember it, and read the drawing again."""
        QSettings().setValue(SETTING, active)
        self._switch(active)
        self._window().predict_now()

    def _switch(self, active: bool) -> None:
        if active:
            self._show_wide()
        else:
            self._show_square()
        self._reading = None
        self.fixes.forget_from(0)
        self.overlay.setVisible(active)
        self.overlay.set_boxes([])
        self._canvas.set_hint(NUMBER_HINT if active else DIGIT_HINT)
        self._canvas.setFocus()

    def _show_wide(self) -> None:
        layout = self._square_box.parentWidget().layout()
        layout.insertWidget(layout.indexOf(self._square_box), self._panel, 1)
        self._square_box.hide()
        self._window().prediction_view.hide()
        self._canvas.setMinimumSize(*WIDE_MINIMUM)
        self._wide_box.take(self._canvas)
        self._panel.show()

    def _show_square(self) -> None:
        if self._canvas.parentWidget() is self._square_box:
            return
        self._canvas.setMinimumSize(MIN_SIDE, MIN_SIDE)
        self._panel.hide()
        self._panel.parentWidget().layout().removeWidget(self._panel)
        self._canvas.setParent(self._square_box)
        self._square_box.show()
        self._window().prediction_view.show()
        side = min(self._square_box.width(), self._square_box.height())
        self._canvas.setGeometry(
            (self._square_box.width() - side) // 2, (self._square_box.height() - side) // 2, side, side
        )
        self._canvas.show()

    # ----- reading

    def read(self, predictor) -> bool:
        """In number mode read the canvas as a number, show it and emit `number_changed`; else False."""
        if not self.is_active():
            return False
        if self._canvas.is_empty():
            self._reading = None
            self.fixes.forget_from(0)
            self.filing.reset()
            self.view.show_empty()
            self.overlay.set_boxes([])
            self._window().number_changed.emit(None)
            self._read_signal.emit(predictor, None, None)
        elif predictor is None:
            self.view.show_loading("loading model...")
        else:
            reader = self._read_picture if self._canvas.has_picture() else self._read_strokes
            self._reading = reader(predictor)
            self.view.show_reading(self._reading)
            self.overlay.set_boxes([(self._rect(d.box), d.unsure) for d in self._reading.digits])
            self._window().number_changed.emit(self._reading.text)
            self._tell_look_inside()
        return True

    def _read_strokes(self, predictor) -> NumberReading:
        strokes = self._canvas.strokes()
        self.fixes.forget_from(len(strokes))
        return read_strokes(strokes, predictor, self.fixes.joined, self.fixes.separated)

    def _read_picture(self, predictor) -> NumberReading:
        """A loaded picture (a test image, a sample) is one digit, read as single-digit mode reads it."""
        views = self._canvas.to_mnist_views()
        if views is None:
            return NumberReading(())
        where = self._canvas.picture_rect()
        box = Box(where.left(), where.top(), where.right(), where.bottom())
        return read_views([views], predictor, [((), box)])

    @Slot()
    def _tell_look_inside(self, *_) -> None:
        """Hand Look inside the digit whose bars are shown, as the single-digit mode hands it the drawing."""
        digit, predictor = self.view.shown_digit(), self._window().predictor()
        if digit is None:
            self._read_signal.emit(predictor, None, None)
        else:
            self._read_signal.emit(predictor, digit.image[None], Reading(digit.probabilities[None]))

    def _rect(self, box) -> QRectF:
        margin = self._canvas.brush_width() / 2 + PADDING
        return QRectF(box.left, box.top, box.width, box.height).adjusted(-margin, -margin, margin, margin)

    # ----- fixing and filing

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Right-clicks fix the grouping and typed digits file the number; the rest goes to the canvas."""
        if not self.is_active():
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.RightButton:
            self.fix_at(event.position().x(), event.position().y())
            return True
        if kind == QEvent.Type.KeyPress:
            return self.filing.key_pressed(event.key())
        return False

    def fix_at(self, x: float, y: float) -> None:
        """A right-click at (x, y): on a digit it splits it, between two it joins them."""
        if self._reading is None or not self._reading.digits:
            return
        if self._canvas.has_picture():
            self._window().statusBar().showMessage("A loaded picture is one digit: there is nothing to split.", 5000)
            return
        margin = self._canvas.brush_width() / 2 + PADDING
        digits = [(d.strokes, d.box) for d in self._reading.digits]
        message = self.fixes.click(self._canvas.strokes(), digits, x, y, margin)
        if message:
            self._window().statusBar().showMessage(message, 5000)
            self._window().predict_now()


def _remembered() -> bool:
    """The mode the person left it in; a hand-edited value that is not a boolean means off."""
    value = QSettings().value(SETTING, False)
    return value is True or str(value).lower() == "true"
