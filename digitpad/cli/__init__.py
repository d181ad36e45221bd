"""Command-line entry points over the core: `python -m digitpad predict` and the trainer. No Qt."""
