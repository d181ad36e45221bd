"""Threads that run core work off the GUI thread; they only emit signals."""
