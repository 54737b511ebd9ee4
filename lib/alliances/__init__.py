"""Alliance Dilemmas: the helper library of the course.

Game models, exact equilibria, plots and widgets for an interactive course on NATO and
the security dilemma in alliance politics.

Examples
--------
>>> from alliances import symmetric_game
>>> symmetric_game(4, 3, 2, 1, labels=("Abstain", "Ally")).pure_equilibria()
[('Ally', 'Ally')]
"""

from .classification import Classification, classify, summarise
from .exercises import check
from .games import PRESETS, Game, alliance_formation_game, format_probability, symmetric_game

__all__ = ["Game", "symmetric_game", "alliance_formation_game", "PRESETS",
           "format_probability", "classify", "Classification", "summarise", "check"]
__version__ = "0.1.0"
