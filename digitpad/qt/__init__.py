"""The desktop app: the main window and what it composes."""
