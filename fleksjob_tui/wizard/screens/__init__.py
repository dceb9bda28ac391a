"""The wizard's screens: one thin module per step (``person``, ``employment``, ``measures``,
``meetings``, ``checklist``, ``eligibility``, ``self_employment``, ``economy``, ``summary``) and
per window (``start``, ``role``, ``examples``, ``editor``, ``locked``). ``steps.PANES`` maps each
step id of ``case.model.STEP_IDS`` (where the order lives) to its pane; ``wizard.py`` is the
screen that shows the step list beside the current step. A step shows the case and writes each
answer back; the rules and the view do the rest.
"""
