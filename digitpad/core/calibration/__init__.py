"""Calibration: a temperature fitted on the digits each run sets aside, folded into its output layer.

May import explain (the ECE), mnist and drawing; only training imports it.
"""
