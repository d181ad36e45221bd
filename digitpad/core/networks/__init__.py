"""What a network is: each kind's recipe and the Keras builders.

Imports Keras lazily where it builds; nothing of DigitPad's core but its own modules.
"""
