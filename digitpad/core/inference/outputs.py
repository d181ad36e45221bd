"""The names of a model's outputs, the same in both runtimes: its probabilities, and its hidden
layers in the network's order. Written by the twin's export, read by both predictors.
"""

PROBABILITIES = "probabilities"


def network_order(name: str) -> tuple[str, int]:
    """Sort key for layer names: "hidden" before "hidden2", "block9" before "block10"."""
    stem = name.rstrip("0123456789")
    return stem, int(name[len(stem) :] or 0)
