"""Supervision (监督): a supervisor's view of the annual reports of every body in their area."""
