"""The app's ground floor: its identity and folders, theme, settings values, the View menu's
registry, signals, garbage collection on the GUI thread and error reports.

Qt only; imports nothing else of digitpad.qt, so every other folder may use it.
"""
