"""DigitPad's look: Qt's Fusion style with a dark palette that matches the dark drawing canvas."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_COLORS = {
    QPalette.ColorRole.Window: "#202228",
    QPalette.ColorRole.WindowText: "#d8dae0",
    QPalette.ColorRole.Base: "#181a1f",
    QPalette.ColorRole.AlternateBase: "#25282f",
    QPalette.ColorRole.Text: "#d8dae0",
    QPalette.ColorRole.Button: "#2b2e36",
    QPalette.ColorRole.ButtonText: "#d8dae0",
    QPalette.ColorRole.Highlight: "#4fc3a1",
    QPalette.ColorRole.HighlightedText: "#101114",
    QPalette.ColorRole.ToolTipBase: "#2b2e36",
    QPalette.ColorRole.ToolTipText: "#d8dae0",
    QPalette.ColorRole.PlaceholderText: "#7d818c",
    QPalette.ColorRole.Link: "#6fa8ff",
}


def colour_of(role: QPalette.ColorRole) -> str:
    """The dark palette's colour for a role, as #rrggbb (for what draws itself, like the plots)."""
    return _COLORS[role]


def apply_theme(app: QApplication) -> None:
    """Fusion plus the dark palette; disabled text is dimmed so it reads as disabled."""
    app.setStyle("Fusion")
    palette = QPalette()
    for role, color in _COLORS.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6a6e78"))
    app.setPalette(palette)
