"""Reusable pieces of the wizard (yes/no/don't-know question, date field, list editor, step list).

They import Textual; nothing here imports the app or a screen."""
