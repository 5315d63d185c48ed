"""Screens: each page that composes learning and assessments is a small function returning a frozen dataclass.

The apps own their reads (``selectors.py``) and charts (``charts.py``); a screen only picks
what the page shows and words it for the viewer ("my" on one's own page, the person's name
on someone else's).
"""
