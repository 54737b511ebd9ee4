"""Which family a 2x2 game belongs to: Prisoner's Dilemma, Stag Hunt, Chicken, ...

The family is decided from the game's *strategic structure*, not from the order in which
strategies or players happen to be listed, so the answer is the same after relabelling:

* both players have a strictly dominant strategy:

  - the equilibrium is Pareto-inefficient: **Prisoner's Dilemma**;
  - the equilibrium gives each player its best outcome: **Harmony**;
  - otherwise (efficient, but at least one side would like the other to switch):
    **Deadlock**;
* only one player has a strictly dominant strategy: **Asymmetric dominance** (one equilibrium,
  reached by the other player's best reply, as in Snyder and Diesing's "Bully" games);
* two pure equilibria that both players rank the same way: **Stag Hunt** when each player's
  safe strategy pays more if the other goes for the better equilibrium (T > P), otherwise
  **Coordination**;
* two pure equilibria that the players rank oppositely: **Chicken** when a third outcome
  (mutual restraint) is better for both than their own worse equilibrium, otherwise
  **Battle of the Sexes** (including Leader and Hero);
* no pure equilibrium: **Matching Pennies** when the players' interests are strictly
  opposed, otherwise **Cyclic**.

**Ties.** With ties a game sits on the border between families. We break every tie both
ways (all strict orderings consistent with the weak one; in a symmetric game the same way
for both players, so that its neighbours are symmetric games too) and report the families that the
nearby strict games belong to: one family if the ties do not matter, otherwise a boundary
such as "Prisoner's Dilemma / Stag Hunt". This is our convention; Robinson and Goforth
(2005) classify games with ties in a similar spirit, by the strict games around them.

References
----------
Rapoport, A., and Guyer, M. (1966). A taxonomy of 2 x 2 games. *General Systems* 11.
Robinson, D., and Goforth, D. (2005). *The Topology of the 2x2 Games*. Routledge.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations, product

import numpy as np

from alliances._validation import check_payoff_matrix
from alliances.i18n import _, N_
from alliances.models.games import Game

__all__ = ["Classification", "classify", "FAMILIES", "family_of_payoffs"]

#: Each family with a one-sentence description for students (translate both with ``_()``
#: where they are shown; the keys are the families' identifiers and stay English).
FAMILIES: dict[str, str] = {
    N_("Prisoner's Dilemma"): N_("Each side has a dominant strategy, and the equilibrium it "
                                 "leads to is worse for both than another outcome."),
    N_("Deadlock"): N_("Each side has a dominant strategy and the equilibrium is efficient but "
                       "not the best outcome for both: at least one side would gain if the "
                       "other switched, and no one wants to cooperate."),
    N_("Harmony"): N_("Each side has a dominant strategy that leads to the outcome both like "
                      "best: no dilemma."),
    N_("Asymmetric dominance"): N_("One side has a dominant strategy and the other simply best "
                                   "replies to it."),
    N_("Stag Hunt"): N_("Two equilibria ranked the same by both sides; reaching the better one "
                        "needs trust, because the safe strategy pays more if the other goes "
                        "first."),
    N_("Coordination"): N_("Two equilibria ranked the same by both sides; the only problem is "
                           "to coordinate on the better one."),
    N_("Chicken"): N_("Two equilibria in which one side backs down; each wants the other to "
                      "back down, and mutual firmness is the worst outcome."),
    N_("Battle of the Sexes"): N_("Two equilibria that the sides rank oppositely, and no "
                                  "outcome outside them that both prefer: they must agree on "
                                  "whose way."),
    N_("Matching Pennies"): N_("Interests strictly opposed and no pure equilibrium: each side "
                               "must keep the other guessing."),
    N_("Cyclic"): N_("No pure equilibrium: best replies chase each other round the table."),
}


@dataclass(frozen=True)
class Classification:
    """The family of a 2x2 game and how it was decided.

    Attributes
    ----------
    family : str
        The family name, or "A / B" for a game on the boundary between families.
    families : tuple of str
        The families of the strict games obtained by breaking ties (one when no tie
        matters).
    ties : bool
        Whether some player has tied payoffs.
    symmetric : bool
        Whether the game is symmetric (the same game for both players).
    T, R, P, S : float or None
        Temptation, reward, punishment and sucker's payoffs for symmetric games.
    cooperate, defect : str or None
        The strategy labels playing the role of cooperation and defection.
    ordinal : str
        The ordinal description, for example "T > R > P > S".
    description : str
        One sentence for students.

    Examples
    --------
    >>> from alliances.models.games import symmetric_game
    >>> result = classify(symmetric_game(4, 4, 2, 1))
    >>> isinstance(result, Classification), result.families, result.on_boundary
    (True, ("Prisoner's Dilemma", 'Stag Hunt'), True)
    """

    family: str
    families: tuple[str, ...]
    ties: bool
    symmetric: bool
    T: float | None
    R: float | None
    P: float | None
    S: float | None
    cooperate: str | None
    defect: str | None
    ordinal: str
    description: str

    @property
    def on_boundary(self) -> bool:
        """Whether breaking ties in different ways gives different families."""
        return len(self.families) > 1


def _ranks(values: tuple[float, ...]) -> tuple[int, ...]:
    """Dense ranks, 0 = smallest; equal values share a rank."""
    distinct = sorted(set(values))
    return tuple(distinct.index(v) for v in values)


#: The four cells of a 2x2 game, (row, column).
_CELLS = [(i, j) for i in range(2) for j in range(2)]


def _strict_family(a: tuple[int, ...], b: tuple[int, ...]) -> str:
    """Family of a strict 2x2 game given as ranks in cell order (00, 01, 10, 11)."""
    A = np.array(a, dtype=float).reshape(2, 2)
    B = np.array(b, dtype=float).reshape(2, 2)
    dom_r = _dominant_row(A)
    dom_c = _dominant_row(B.T)
    if dom_r is not None and dom_c is not None:
        return _dominance_family(A, B, (dom_r, dom_c))
    if dom_r is not None or dom_c is not None:
        return "Asymmetric dominance"
    return _no_dominance_family(A, B)


def _dominant_row(A: np.ndarray) -> int | None:
    """The row player's strictly dominant strategy in ``A``, if there is one."""
    return next((i for i in range(2) if np.all(A[i] > A[1 - i])), None)


def _dominance_family(A: np.ndarray, B: np.ndarray, eq: tuple[int, int]) -> str:
    """Both players have a dominant strategy, leading to the equilibrium ``eq``."""
    if any(A[c] > A[eq] and B[c] > B[eq] for c in _CELLS):
        return "Prisoner's Dilemma"
    if A[eq] == A.max() and B[eq] == B.max():
        return "Harmony"
    return "Deadlock"


def _no_dominance_family(A: np.ndarray, B: np.ndarray) -> str:
    """Neither player has a dominant strategy: two pure equilibria, or none."""
    equilibria = [(i, j) for i, j in _CELLS if A[i, j] > A[1 - i, j] and B[i, j] > B[i, 1 - j]]
    if len(equilibria) == 2:
        e1, e2 = equilibria
        if (A[e1] > A[e2]) == (B[e1] > B[e2]):
            return _same_ranking_family(A, B, e1, e2)
        return _opposite_ranking_family(A, B, e1, e2)
    opposed = all((A[c1] > A[c2]) == (B[c1] < B[c2]) for c1 in _CELLS for c2 in _CELLS
                  if c1 != c2)
    return "Matching Pennies" if opposed else "Cyclic"


def _same_ranking_family(A: np.ndarray, B: np.ndarray, e1: tuple[int, int],
                         e2: tuple[int, int]) -> str:
    """Two pure equilibria that both players rank the same way."""
    good, bad = (e1, e2) if A[e1] > A[e2] else (e2, e1)
    # T > P for each player: the "safe" strategy of the worse equilibrium pays more
    # when the other plays for the better one.
    row_t = A[bad[0], good[1]] > A[bad]
    col_t = B[good[0], bad[1]] > B[bad]
    return "Stag Hunt" if row_t and col_t else "Coordination"


def _opposite_ranking_family(A: np.ndarray, B: np.ndarray, e1: tuple[int, int],
                             e2: tuple[int, int]) -> str:
    """Two pure equilibria that the players rank oppositely."""
    worse_r = min(A[e1], A[e2])
    worse_c = min(B[e1], B[e2])
    others = [c for c in _CELLS if c not in (e1, e2)]
    if any(A[c] > worse_r and B[c] > worse_c for c in others):
        return "Chicken"
    return "Battle of the Sexes"


def _refinements(ranks: tuple[int, ...]) -> set[tuple[int, ...]]:
    """All strict rankings that break the ties of ``ranks`` (cells 0..3)."""
    groups = [[i for i, r in enumerate(ranks) if r == level] for level in sorted(set(ranks))]
    results = set()
    for orders in product(*(permutations(group) for group in groups)):
        strict = [0] * 4
        rank = 0
        for order in orders:
            for cell in order:
                strict[cell] = rank
                rank += 1
        results.add(tuple(strict))
    return results


def _mirror(a: tuple[int, ...], flip: bool) -> tuple[int, ...]:
    """The column player's ranks in a symmetric game whose row player has ranks ``a``.

    Row strategy i corresponds to column strategy s(i), with s the identity or, if
    ``flip``, the swap: B[i, s(j)] = A[j, s(i)].
    """
    cols = (1, 0) if flip else (0, 1)
    b = [0] * 4
    for i in range(2):
        for j in range(2):
            b[i * 2 + cols[j]] = a[j * 2 + cols[i]]
    return tuple(b)


@lru_cache(maxsize=None)
def _families(a_ranks: tuple[int, ...], b_ranks: tuple[int, ...]) -> tuple[str, ...]:
    flips = [f for f in (False, True) if _mirror(a_ranks, f) == b_ranks]
    if flips:
        # A symmetric game: break ties the same way for both players, so that its
        # neighbours are the symmetric games around it (the T, R, P, S picture). A game
        # symmetric in both ways (A = [[x, y], [y, x]]) has the neighbours of both.
        found = {_strict_family(a, _mirror(a, flip)) for flip in flips
                 for a in _refinements(a_ranks)}
    else:
        found = {_strict_family(a, b) for a in _refinements(a_ranks)
                 for b in _refinements(b_ranks)}
    order = list(FAMILIES)
    return tuple(sorted(found, key=order.index))


def family_of_payoffs(A: object, B: object) -> tuple[str, ...]:
    """The families of a 2x2 game given by payoff matrices (several if on a boundary).

    A fast path for maps over many games; :func:`classify` gives the full description.

    Examples
    --------
    >>> family_of_payoffs([[3, 1], [4, 2]], [[3, 4], [1, 2]])
    ("Prisoner's Dilemma",)
    >>> family_of_payoffs([[3, 1], [3, 2]], [[3, 3], [1, 2]])   # symmetric, T = R
    ("Prisoner's Dilemma", 'Stag Hunt')
    >>> family_of_payoffs([[3, 1], [3, 2]], [[3, 4], [1, 2]])   # only Row has the tie
    ("Prisoner's Dilemma", 'Asymmetric dominance')
    """
    a = check_payoff_matrix(A, "A")
    b = check_payoff_matrix(B, "B")
    if a.shape != (2, 2) or b.shape != (2, 2):
        raise ValueError(_("A and B must both be 2x2 for the 2x2 classification; got A "
                           "{a_shape} and B {b_shape}").format(a_shape=a.shape, b_shape=b.shape))
    return _families(_ranks(tuple(a.ravel())), _ranks(tuple(b.ravel())))


def _symmetric_roles(game: Game) -> tuple[int, int, int, int] | None:
    """For a symmetric 2x2 game, the row and column indices of (cooperate, defect), else
    None: ``(c, d, c_col, d_col)``.

    The game is symmetric if B equals A transposed, possibly after listing the column
    player's strategies in the other order. Cooperation is the strategy that benefits the
    other player (R + T >= S + P), ties broken by R >= P.
    """
    A, B = game.A, game.B
    for flip in (False, True):
        cols = [1, 0] if flip else [0, 1]
        # Listing the columns in the other order permutes the columns of both matrices.
        if np.array_equal(B[:, cols], A[:, cols].T):
            break
    else:
        return None
    for c, d in ((0, 1), (1, 0)):
        R, S, T, P = A[c, cols[c]], A[c, cols[d]], A[d, cols[c]], A[d, cols[d]]
        if R + T > S + P or (R + T == S + P and R >= P):
            return c, d, cols[c], cols[d]
    return None  # pragma: no cover - one of the two labellings always qualifies


def _ordinal_text(values: dict[str, float]) -> str:
    ordered = sorted(values.items(), key=lambda item: -item[1])
    text = ordered[0][0]
    for (_name, previous), (name, value) in zip(ordered, ordered[1:]):
        text += (" = " if value == previous else " > ") + name
    return text


def classify(game: Game | object, B: object = None) -> Classification:
    """Classify a 2x2 game into its family, with ties handled explicitly.

    Parameters
    ----------
    game : Game or array_like
        A 2x2 :class:`~alliances.models.games.Game`, or the row player's payoff matrix.
    B : array_like, optional
        The column player's payoffs when ``game`` is a matrix.

    Returns
    -------
    Classification

    Examples
    --------
    The alliance game with T > R > P > S, our reading of Snyder's prisoner's-dilemma
    analogy (our formalization, not a ranking printed in his article), is a prisoner's dilemma:

    >>> from alliances.models.games import symmetric_game
    >>> result = classify(symmetric_game(4, 3, 2, 1, labels=("Abstain", "Ally")))
    >>> result.family, result.ordinal, result.cooperate
    ("Prisoner's Dilemma", 'T > R > P > S', 'Abstain')

    Swapping P and S (two rival blocs ranked worst, as a student summary of the article
    reads it) makes it Chicken:

    >>> classify(symmetric_game(4, 3, 1, 2)).family
    'Chicken'

    A tie puts a game on the boundary between families:

    >>> classify(symmetric_game(4, 4, 2, 1)).family
    "Prisoner's Dilemma / Stag Hunt"
    """
    if not isinstance(game, Game):
        check_payoff_matrix(game, "game")   # so that errors name this argument
        game = Game(game, B)
    elif B is not None:
        raise TypeError(_("B must not be given when game is already a Game"))
    if game.shape != (2, 2):
        raise ValueError(_("game must be 2x2 for the 2x2 classification; got shape {shape}")
                         .format(shape=game.shape))
    a_values, b_values = tuple(game.A.ravel()), tuple(game.B.ravel())
    families = _families(_ranks(a_values), _ranks(b_values))
    ties = len(set(a_values)) < 4 or len(set(b_values)) < 4
    family = " / ".join(families)
    roles = _symmetric_roles(game)
    if roles is not None:
        c, d, c_col, d_col = roles
        T, R, P, S = (float(game.A[d, c_col]), float(game.A[c, c_col]),
                      float(game.A[d, d_col]), float(game.A[c, d_col]))
        ordinal = _ordinal_text({"T": T, "R": R, "P": P, "S": S})
        cooperate, defect = game.row_labels[c], game.row_labels[d]
    else:
        T = R = P = S = None
        cooperate = defect = None
        parts = []
        for name, matrix in ((game.row_name, game.A), (game.col_name, game.B)):
            cells = {f"({game.row_labels[i]}, {game.col_labels[j]})": float(matrix[i, j])
                     for i in range(2) for j in range(2)}
            parts.append(f"{name}: {_ordinal_text(cells)}")
        ordinal = "; ".join(parts)
    if len(families) == 1:
        description = _(FAMILIES[families[0]])
        if ties:
            description += _(" (Ties do not change the family here.)")
    else:
        description = _("On the boundary between {families}: a tie in the payoffs; a small "
                        "change either way gives one family or the other.").format(
                            families=_(" and ").join(_(f) for f in families))
    return Classification(family=family, families=families, ties=ties,
                          symmetric=roles is not None, T=T, R=R, P=P, S=S, cooperate=cooperate,
                          defect=defect, ordinal=ordinal, description=description)


def _outcome(cell: tuple[str, str]) -> str:
    """An outcome as a sentence shows it, its strategies in the current language."""
    return f"({_(cell[0])}, {_(cell[1])})"


def summarise(game: Game) -> str:
    """One plain sentence on a game's equilibria and their efficiency.

    Used as the text summary of figures and widgets (for screen readers and skimmers).

    Parameters
    ----------
    game : Game

    Returns
    -------
    str

    Examples
    --------
    >>> from alliances.models.games import symmetric_game
    >>> print(summarise(symmetric_game(4, 3, 2, 1, labels=("Abstain", "Ally"))))
    Prisoner's Dilemma: the only equilibrium is (Ally, Ally), and it is worse for both than (Abstain, Abstain).
    >>> print(summarise(symmetric_game(3, 4, 2, 1, labels=("Stag", "Hare"))))
    Stag Hunt: two pure equilibria, (Stag, Stag) and (Hare, Hare), and a mixed one; (Hare, Hare) is worse for both than (Stag, Stag).
    """
    if not isinstance(game, Game):
        raise TypeError(_("game must be an alliances Game; got {kind}").format(
            kind=type(game).__name__))
    text = _summary(game)
    return text[:1].upper() + text[1:]       # games larger than 2x2 have no family prefix


def _summary(game: Game) -> str:
    """The sentence of :func:`summarise`, perhaps starting with a small letter."""
    if game.has_infinitely_many_equilibria:
        text = _("infinitely many equilibria. {description}").format(
            description=game.describe_equilibria()[0])
    elif not game.pure_equilibria():
        text = _("no equilibrium in pure strategies; {description}").format(
            description=game.describe_equilibria()[0])
    else:
        pure = game.pure_equilibria()
        mixed = len(game.equilibria()) - len(pure)
        text = _equilibria_text(pure, mixed) + _efficiency_text(game, pure)
    if game.shape != (2, 2):
        return text
    family = " / ".join(_(f) for f in classify(game).families)
    return _("{family}: {summary}").format(family=family, summary=text)


def _equilibria_text(pure: list[tuple[str, str]], mixed: int) -> str:
    """The equilibria listed: "the only equilibrium is (A, B)", "two pure equilibria, ..."."""
    if len(pure) == 1 and mixed == 0:
        return _("the only equilibrium is {outcome}").format(outcome=_outcome(pure[0]))
    outcomes = [_outcome(c) for c in pure]
    listed = outcomes[0] if len(outcomes) == 1 else _("{outcomes} and {last}").format(
        outcomes=", ".join(outcomes[:-1]), last=outcomes[-1])
    count = {1: _("one pure equilibrium"), 2: _("two pure equilibria"),
             3: _("three pure equilibria")}.get(len(pure))
    text = (count or _("{count} pure equilibria").format(count=len(pure))) + ", " + listed
    if mixed:
        text += (_(", and a mixed one") if mixed == 1
                 else _(", and {mixed} mixed ones").format(mixed=mixed))
    return text


def _efficiency_text(game: Game, pure: list[tuple[str, str]]) -> str:
    """The end of the sentence: which pure equilibria are worse for both than an outcome."""
    inefficient = []
    for cell in pure:
        u = game.payoffs(*cell)
        better = [c for c in game.pareto_optimal_outcomes()
                  if game.payoffs(*c)[0] > u[0] and game.payoffs(*c)[1] > u[1]]
        if better:
            inefficient.append((_outcome(cell), _outcome(better[0])))
    if len(pure) == 1 and inefficient:
        return _(", and it is worse for both than {better}.").format(better=inefficient[0][1])
    if inefficient:
        return "; " + "; ".join(_("{outcome} is worse for both than {better}").format(
            outcome=cell, better=better) for cell, better in inefficient) + "."
    if len(pure) == 1:
        return _(", and no outcome is better for both.")
    return _("; none is worse for both than another outcome.")
