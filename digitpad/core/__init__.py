"""The pure core, a folder per concept: drawing, mnist, networks, training, inference, runs,
explain, numbers, samples; and beside them the app's log, its assets and atomic files.

Never imports Qt; the app (`digitpad.qt`) and the command line (`digitpad.cli`) both use it.
"""
