"""Threads shared by several parts of the window: the request thread and the model loader.

They only emit signals; a dock's own worker lives in that dock's folder.
"""
