"""A model behind a fast call: the LiteRT twin, the Keras fallback, and the checks that refuse
hostile model files.

Imports numpy, LiteRT and (only where the twin is missing) Keras; nothing else of the core.
"""
