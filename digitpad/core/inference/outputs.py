"""The names of a model's outputs, the same in both runtimes: its probabilities, and its hidden
layers in the network's order. Written by the twin's export, read by both predictors.
"""

PROBABILITIES = "probabilities"
# The learned space the map places digits in: the input of the output layer ("embedding"), or,
# for a model with no hidden layer, its logits ("logits"). Not one of Look inside's layers.
EMBEDDING, LOGITS = "embedding", "logits"
LEARNED_SPACE = (EMBEDDING, LOGITS)


def network_order(name: str) -> tuple[str, int]:
    """Sort key for layer names: "hidden" before "hidden2", "block9" before "block10"."""
    stem = name.rstrip("0123456789")
    return stem, int(name[len(stem) :] or 0)
