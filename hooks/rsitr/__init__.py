"""Awesome RSITR: the paper database, its validation, and the site generated from it."""
