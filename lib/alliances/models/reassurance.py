"""Reassure or deter: the security dilemma with an adversary whose aims are unknown.

Jervis (1976, ch. 3) sets two models of conflict against each other. In the *spiral
model* conflict comes from mutual fear: each side's defensive measures look threatening
to the other, and the cure is reassurance. In the *deterrence model* it comes from an
adversary with expansionist aims: conciliation invites aggression, and the cure is
firmness. Each model's advice is the other's mistake, and which one applies depends on
the adversary's intentions, which cannot be observed directly. Kydd (1997, 2005) gives
the idea a game-theoretic form: a *security seeker* prefers mutual cooperation to
exploiting the other (an assurance game, or stag hunt), a *greedy* state prefers
exploiting (a prisoner's dilemma), and neither side knows the other's type.

This module is **our formalization** of that argument, with illustrative numbers; it is
not Kydd's model. A defender (NATO in the course) chooses to *Reassure* or to *Deter*; an
adversary (Russia) is greedy with probability ``q`` and a security seeker otherwise, and
chooses to *Cooperate* or to *Compete*. The defender's payoffs are

=========================== =============================
outcome                      defender's payoff
=========================== =============================
Reassure, adversary cooperates   0 (a stable peace)
Deter, adversary cooperates      ``-arming_cost`` (needless arming)
Deter, adversary competes        ``-spiral_cost`` (mutual competition, a spiral)
Reassure, adversary competes     ``-exploitation_cost`` (exploited)
=========================== =============================

and the adversary's types rank the outcomes ordinally (3 best, 0 worst): the security
seeker as in a stag hunt (cooperate with a reassurer 3, compete with a reassurer 2,
compete with a deterrer 1, cooperate with a deterrer 0), the greedy type as in a
prisoner's dilemma (compete with a reassurer 3, cooperate with a reassurer 2, compete
with a deterrer 1, cooperate with a deterrer 0).

Two timings are studied:

* **The defender moves first and is seen** (a public policy, such as an enlargement
  decision): the security seeker answers reassurance with cooperation and deterrence
  with competition, the greedy type always competes. Reassuring is worth
  ``-q * exploitation_cost`` in expectation, deterring ``-spiral_cost``, so the defender
  should reassure when ``q < spiral_cost / exploitation_cost`` (:func:`reassurance_threshold`).
* **Both move at once** (:func:`bayesian_game`): a two-by-four game in which the
  adversary's strategy names what each of its types does; its equilibria come from the
  course's exact solver. Mutual competition is always an equilibrium, even when the
  adversary is surely a security seeker (``q = 0``): fear alone can hold both sides in
  the spiral.

References: Jervis, R. (1976), *Perception and Misperception in International Politics*,
ch. 3; Kydd, A. (1997), "Game Theory and the Spiral Model", *World Politics* 49(3);
Kydd, A. H. (2005), *Trust and Mistrust in International Relations*.

Examples
--------
>>> best_policy(0.2, exploitation_cost=5, spiral_cost=2)
'Reassure'
>>> best_policy(0.6, exploitation_cost=5, spiral_cost=2)
'Deter'
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from alliances._validation import check_name, check_real
from alliances.models.games import Game

__all__ = ["POLICIES", "RESPONSES", "Reassurance", "reassurance",
           "policy_values", "best_policy", "reassurance_threshold",
           "simultaneous_threshold", "bayesian_game"]

#: The defender's choices.
POLICIES = ("Reassure", "Deter")
#: The adversary's choices.
RESPONSES = ("Cooperate", "Compete")

# The adversary's ordinal payoffs, [type][own choice][defender's choice], choices indexed
# as in RESPONSES and POLICIES (our formalization of Kydd's two types).
_SEEKER = np.array([[3, 0],    # cooperate: with a reassurer 3, with a deterrer 0
                    [2, 1]])   # compete:   with a reassurer 2, with a deterrer 1
_GREEDY = np.array([[2, 0],
                    [3, 1]])


@dataclass(frozen=True)
class Reassurance:
    """The checked parameters of the reassure-or-deter model (our formalization).

    Attributes
    ----------
    q : float
        The defender's belief that the adversary is greedy, in [0, 1].
    exploitation_cost : float
        What the defender loses when it reassures and the adversary competes (> 0).
    spiral_cost : float
        What the defender loses when both compete (> 0).
    arming_cost : float
        What the defender loses when it deters an adversary that cooperates (>= 0).

    Examples
    --------
    >>> model = reassurance(0.3, exploitation_cost=5, spiral_cost=2)
    >>> model.q, model.arming_cost
    (0.3, 0.5)
    """

    q: float
    exploitation_cost: float
    spiral_cost: float
    arming_cost: float

    def defender_payoffs(self) -> np.ndarray:
        """The defender's payoffs, rows ``POLICIES``, columns ``RESPONSES``.

        Examples
        --------
        >>> reassurance(0.3, 5, 2, 1).defender_payoffs().tolist()
        [[0.0, -5.0], [-1.0, -2.0]]
        """
        return np.array([[0.0, -self.exploitation_cost],
                         [-self.arming_cost, -self.spiral_cost]])


def reassurance(q: float, exploitation_cost: float, spiral_cost: float,
                arming_cost: float = 0.5) -> Reassurance:
    """Check the parameters of the model and return them as a :class:`Reassurance`.

    Parameters
    ----------
    q : float
        Belief that the adversary is greedy, between 0 and 1.
    exploitation_cost, spiral_cost : float
        Positive losses of being exploited and of mutual competition.
    arming_cost : float, default 0.5
        Non-negative loss of deterring an adversary that cooperates.

    Raises
    ------
    TypeError, ValueError
        Naming the argument that is not a finite number in its range.

    Examples
    --------
    >>> reassurance(0.25, 4, 1).arming_cost
    0.5
    >>> reassurance(1.5, 4, 1)
    Traceback (most recent call last):
    ...
    alliances.InputError: q must be <= 1; got 1.5
    """
    return Reassurance(
        q=check_real(q, "q", minimum=0, maximum=1),
        exploitation_cost=check_real(exploitation_cost, "exploitation_cost", minimum=0,
                                     allow_equal_min=False),
        spiral_cost=check_real(spiral_cost, "spiral_cost", minimum=0, allow_equal_min=False),
        arming_cost=check_real(arming_cost, "arming_cost", minimum=0))


def policy_values(q: float, exploitation_cost: float, spiral_cost: float) -> dict[str, float]:
    """The defender's expected payoff of each policy when it moves first and is seen.

    The security seeker cooperates with a reassurer and competes with a deterrer; the
    greedy type competes whatever the defender does. Reassuring is worth
    ``-q * exploitation_cost``; deterring ends in mutual competition, ``-spiral_cost``.

    Examples
    --------
    >>> policy_values(0.25, exploitation_cost=4, spiral_cost=2)
    {'Reassure': -1.0, 'Deter': -2.0}
    """
    model = reassurance(q, exploitation_cost, spiral_cost)
    return {"Reassure": -model.q * model.exploitation_cost, "Deter": -model.spiral_cost}


def best_policy(q: float, exploitation_cost: float, spiral_cost: float) -> str:
    """The policy with the higher expected payoff, or ``"Either"`` on an exact tie.

    Examples
    --------
    >>> best_policy(0.5, exploitation_cost=4, spiral_cost=2)
    'Either'
    """
    values = policy_values(q, exploitation_cost, spiral_cost)
    if values["Reassure"] == values["Deter"]:
        return "Either"
    return max(values, key=values.get)


def reassurance_threshold(exploitation_cost: float, spiral_cost: float) -> float:
    """The belief ``q*`` below which reassurance pays: ``spiral_cost / exploitation_cost``.

    A value of 1 or more means reassurance pays whatever the belief: being exploited costs
    the defender no more than a spiral.

    Examples
    --------
    >>> reassurance_threshold(exploitation_cost=5, spiral_cost=2)
    0.4
    """
    model = reassurance(0, exploitation_cost, spiral_cost)
    return model.spiral_cost / model.exploitation_cost


def simultaneous_threshold(exploitation_cost: float, spiral_cost: float,
                           arming_cost: float) -> float:
    """The largest belief ``q`` at which mutual reassurance is an equilibrium of the
    simultaneous game (:func:`bayesian_game`); 1 when it is one for every belief.

    In that equilibrium the security seeker cooperates and the greedy type competes;
    the defender keeps reassuring as long as ``q * (exploitation_cost - spiral_cost)``
    does not exceed ``(1 - q) * arming_cost``.

    Examples
    --------
    >>> simultaneous_threshold(exploitation_cost=5, spiral_cost=2, arming_cost=1)
    0.25
    """
    model = reassurance(0, exploitation_cost, spiral_cost, arming_cost)
    gap = model.exploitation_cost - model.spiral_cost
    if gap <= 0:
        return 1.0
    return model.arming_cost / (model.arming_cost + gap)


def bayesian_game(q: float, exploitation_cost: float, spiral_cost: float,
                  arming_cost: float = 0.5, *, row_name: str = "NATO",
                  col_name: str = "Russia") -> Game:
    """The simultaneous reassure-or-deter game as a two-by-four normal-form game.

    The adversary's strategies name what each type does, security seeker first:
    ``"Cooperate/Compete"`` means the security seeker cooperates and the greedy type
    competes. Payoffs are expected over the types (ex ante), so the game's Nash
    equilibria are the Bayesian Nash equilibria when ``0 < q < 1``.

    Examples
    --------
    >>> game = bayesian_game(0.2, exploitation_cost=5, spiral_cost=2, arming_cost=1)
    >>> game.pure_equilibria()
    [('Reassure', 'Cooperate/Compete'), ('Deter', 'Compete/Compete')]
    >>> bayesian_game(0.5, 5, 2, 1).pure_equilibria()
    [('Deter', 'Compete/Compete')]
    """
    model = reassurance(q, exploitation_cost, spiral_cost, arming_cost)
    defender = model.defender_payoffs()
    strategies = [(s, g) for s in range(2) for g in range(2)]
    A = np.empty((2, 4))
    B = np.empty((2, 4))
    for j, (s, g) in enumerate(strategies):
        for i in range(2):
            A[i, j] = (1 - model.q) * defender[i, s] + model.q * defender[i, g]
            B[i, j] = (1 - model.q) * _SEEKER[s, i] + model.q * _GREEDY[g, i]
    labels = [f"{RESPONSES[s]}/{RESPONSES[g]}" for s, g in strategies]
    return Game(A, B, row_name=check_name(row_name, "row_name"),
                col_name=check_name(col_name, "col_name"), row_labels=list(POLICIES),
                col_labels=labels)
