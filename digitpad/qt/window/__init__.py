"""The main window's own parts: menus, settings, the status line, the theme, paths, signals and
error reports.

Qt only; may import the core and the other qt folders.
"""
