"""The model in use reading the drawing: loading and switching models, live prediction, the
bars and the second model beside them.

Qt only; talks to the core through inference.
"""
