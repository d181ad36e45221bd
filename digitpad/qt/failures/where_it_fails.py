"""When "Where it fails" updates: with the model in use while the dock is open, and after a run.

After a run its mistakes are the next question, so the dock's tab appears once the new model is
in use; the training panel stays in front.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Slot

from digitpad.core.mnist.loading import default_tfds_dir

# The tab appears this long after a run's model takes over: once the new model's first answer
# is painted, on a turn of the event loop of its own.
SHOW_MISTAKES_AFTER_MS = 150


class WhereItFails(QObject):
    """Keeps the window's "Where it fails" dock on the model in use."""

    def __init__(self, window):
        super().__init__(window)
        self._dock = window.confusion_dock  # the window itself is parent(): a reference to it would be a cycle
        self._just_trained: str | None = None
        # Stopped when the window closes: a closed window starts no test of a model.
        self._timer = QTimer(self, singleShot=True, interval=SHOW_MISTAKES_AFTER_MS)
        self._timer.timeout.connect(self._show_mistakes_of_the_run)
        self._dock.example_chosen.connect(self._load_example)

    def trained(self, path: str) -> None:
        """A run saved `path`: once it is in use, show where it fails."""
        self._just_trained = path

    def model_changed(self, path: str) -> None:
        if self._dock.isVisible():
            self._just_trained = None
            self.update()
        elif self._just_trained == path:
            self._just_trained = None
            # Not on this turn of the event loop: the new tab bar shortens the training dock, and
            # re-laying out and repainting its plot and the new tab (20-30 ms) on top of the
            # switch itself made the longest stall of a first run.
            self._timer.start()

    def open(self) -> None:
        """Open the dock for the model in use; its matrix is computed in the background."""
        self._dock.open()
        self.update()

    @Slot()
    def folder_chosen(self) -> None:
        """Another MNIST folder: an open dock that could not test the model tries again with it.

        `show_model` leaves a model already shown, or under test, alone. A dock behind another's
        tab is still visible to Qt, so it is ready when its tab is chosen.
        """
        if self._dock.isVisible():
            self.update()

    def update(self) -> None:
        self._dock.show_model(self.parent().model_path(), self.parent().training_panel.mnist_dir(), default_tfds_dir())

    def shutdown(self) -> None:
        self._timer.stop()
        self._dock.shutdown()

    @Slot()
    def _show_mistakes_of_the_run(self) -> None:
        self._dock.show()
        self.update()

    @Slot(object)
    def _load_example(self, image) -> None:
        """A test image chosen in the dock becomes the drawing, read by the model in use."""
        canvas = self.parent().canvas
        canvas.load_image(image)
        canvas.setFocus()
        self.parent().statusBar().showMessage("A test image is on the canvas; draw over it, or Esc to clear.", 5000)
