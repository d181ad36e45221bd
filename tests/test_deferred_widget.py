"""A widget whose module is slow to import: imported off the GUI thread, built when shown, calls kept in order."""

import sys
import threading

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from digitpad.qt.widgets.deferred_widget import IMPORT_AFTER_MS, DeferredWidget


@pytest.fixture
def slow_module(tmp_path, monkeypatch):
    """A module that notes the thread importing it."""
    (tmp_path / "slow_widget_module.py").write_text("import threading\nIMPORTED_IN = threading.current_thread().name\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield "slow_widget_module"
    sys.modules.pop("slow_widget_module", None)


def imported(name: str) -> bool:
    return name in sys.modules


def test_the_module_is_imported_off_the_gui_thread_and_the_shown_widget_then_built(qtbot, slow_module):
    parent = QWidget()
    qtbot.addWidget(parent)
    deferred = DeferredWidget(slow_module, lambda: QLabel("built"), parent)
    parent.show()
    assert not deferred.is_built()

    qtbot.waitUntil(deferred.is_built, timeout=IMPORT_AFTER_MS + 5000)
    assert sys.modules[slow_module].IMPORTED_IN != threading.main_thread().name
    assert deferred.widget().isVisible()


def test_calls_wait_in_order_until_it_is_built(qtbot, slow_module):
    parent = QWidget()
    qtbot.addWidget(parent)
    deferred = DeferredWidget(slow_module, lambda: QLabel(""), parent)
    deferred.when_built(lambda label: label.setText(label.text() + "a"))
    deferred.when_built(lambda label: label.setText(label.text() + "b"))
    assert not deferred.is_built()  # a click never waits for the import

    label = deferred.widget()
    assert label.text() == "ab"
    deferred.when_built(lambda label: label.setText(label.text() + "c"))  # built: at once
    assert label.text() == "abc"


def test_a_hidden_placeholder_is_built_only_when_shown(qtbot, slow_module):
    parent = QWidget()
    qtbot.addWidget(parent)
    deferred = DeferredWidget(slow_module, lambda: QLabel("built"), parent)
    deferred.hide()
    parent.show()
    qtbot.waitUntil(lambda: imported(slow_module), timeout=IMPORT_AFTER_MS + 5000)
    qtbot.wait(50)
    assert not deferred.is_built()

    deferred.show()
    qtbot.waitUntil(deferred.is_built)
