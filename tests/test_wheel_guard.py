"""Scrolling the training settings with the wheel scrolls them; a setting changes by the wheel only once clicked."""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea

from digitpad.qt.training.training_panel import TrainingPanel

DOWN = -120  # one notch of the wheel, towards the person


def wheel_down(widget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(QPoint(0, 0))) + centre, QPoint(0, 0), QPoint(0, DOWN),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def settings(qtbot, tmp_path):
    """The Training tab on screen, short enough that its settings scroll."""
    panel = TrainingPanel(models_dir=tmp_path / "models")
    qtbot.addWidget(panel)
    panel.resize(420, 420)
    panel.show()
    panel.form.tabs.setCurrentIndex(1)
    seed = panel.form.fields["seed"].widget
    area = next(a for a in panel.findChildren(QScrollArea) if a.isAncestorOf(seed))
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    return panel, seed, area


def test_the_wheel_over_a_setting_not_clicked_scrolls_the_tab_and_leaves_the_value(settings):
    panel, seed, area = settings
    before = seed.value()

    wheel_down(seed)

    assert seed.value() == before
    assert area.verticalScrollBar().value() > 0


def test_once_clicked_the_wheel_changes_the_setting(settings, qtbot):
    panel, seed, area = settings
    seed.setFocus()
    qtbot.waitUntil(seed.hasFocus)
    before = seed.value()

    wheel_down(seed)

    assert seed.value() == before - 1
