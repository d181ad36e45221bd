"""Shipped models, their cards and the icon: installed as the package data `digitpad.assets`."""
