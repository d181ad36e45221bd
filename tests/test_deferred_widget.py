"""A widget whose module is slow to import: imported off the GUI thread, built when shown, calls kept in order."""

import sys
import threading

import pytest
from PySide6.QtCore import QTimer
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


def test_a_build_in_parts_takes_one_turn_of_the_event_loop_per_part(qtbot, slow_module):
    turns, parts = [0], []
    ticker = QTimer(interval=0)  # counts the event loop's turns
    ticker.timeout.connect(lambda: turns.__setitem__(0, turns[0] + 1))

    def build():
        for _ in range(3):
            parts.append(turns[0])
            yield
        return QLabel("built")

    parent = QWidget()
    qtbot.addWidget(parent)
    deferred = DeferredWidget(slow_module, build, parent)
    parent.show()
    ticker.start()
    qtbot.waitUntil(deferred.is_built, timeout=IMPORT_AFTER_MS + 5000)
    ticker.stop()
    assert len(parts) == 3 and parts[0] < parts[1] < parts[2]  # other events ran between the parts
    assert deferred.widget().text() == "built"


def test_asking_for_the_widget_mid_build_finishes_it_at_once(qtbot, slow_module):
    def build():
        yield
        yield
        return QLabel("built")

    deferred = DeferredWidget(slow_module, build)
    qtbot.addWidget(deferred)
    assert deferred.widget().text() == "built"


def test_a_widget_deleted_while_its_module_imports_leaves_the_import_thread_to_end_cleanly(qtbot, tmp_path,
                                                                                           monkeypatch):
    """The window may be collected on the GUI thread while the import thread is about to say it is done."""
    from shiboken6 import Shiboken

    (tmp_path / "gated_widget_module.py").write_text(
        "import builtins\nbuiltins._digitpad_import_gate.wait(10)\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    gate, thread_errors = threading.Event(), []
    monkeypatch.setattr("builtins._digitpad_import_gate", gate, raising=False)
    monkeypatch.setattr(threading, "excepthook", thread_errors.append)
    deferred = DeferredWidget("gated_widget_module", lambda: QLabel("built"))
    qtbot.waitUntil(lambda: any(t.name == "import gated_widget_module" for t in threading.enumerate()),
                    timeout=IMPORT_AFTER_MS + 5000)

    Shiboken.delete(deferred)  # the widget and what it owns, gone while the import runs
    gate.set()
    for thread in threading.enumerate():
        if thread.name == "import gated_widget_module":
            thread.join(10)
    qtbot.wait(50)  # the queued "imported" reaches no one

    sys.modules.pop("gated_widget_module", None)
    assert thread_errors == []
