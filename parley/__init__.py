"""Parley: a news platform whose readers discuss every article live."""
