"""Pure models: games, equilibria and the course's formal models (numpy and fractions only; no drawing)."""
