"""The main window's own parts: its menu bar, the Model menu, the status line and what the
window remembers between runs.

Qt only; may import the docks' folders, which never import it.
"""
