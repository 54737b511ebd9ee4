"""Exercises, checks and the exercise bank of the notebooks."""
