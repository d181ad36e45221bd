"""A window goes when its last reference goes: a reference cycle would leave it to a later garbage collection.

Such a collection can run in any allocation, in the middle of another window's event, and delete
this window's C++ objects under it; the suite crashed that way once (a segfault while a model
loaded). Parts of the window therefore never hold Python references back to it.
"""

import gc
import weakref

from tests.drawing import open_window


def test_a_closed_window_is_freed_by_reference_counting_alone(qtbot, mlp_path):
    window = open_window(qtbot, mlp_path)
    window.close()
    freed = weakref.ref(window)
    gc.disable()
    try:
        del window
        assert freed() is None, [type(r).__name__ for r in gc.get_referrers(freed())]
    finally:
        gc.enable()
