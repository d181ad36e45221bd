"""Model files on disk as units (model, twin, card, curve): saving, cards, the run history,
renames and deletions, and what changed after a run.

May import inference (the twin is part of the unit); never training, explain or Qt.
"""
