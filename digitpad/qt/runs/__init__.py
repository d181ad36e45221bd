"""The Runs dock: every saved run, their learning curves, renames and deletions.

Qt only; may import the core's runs folder.
"""
