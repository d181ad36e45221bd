"""Command-line entry points over the core: `predict`, `--help`, the display check, the desktop entry, the trainer.

May import the core and the standard library; never Qt, so every command here works without a display.
"""
