"""The result of the commitment model: the best commitment, its risks, and why in words.

:meth:`alliances.models.commitment.CommitmentModel.best` returns a
:class:`CommitmentResult` (our formalization of Snyder's secondary alliance dilemma; see
:mod:`alliances.models.commitment`). It is a plain record: every number a notebook, a
figure or a widget reports about the best commitment ``c*``, and the explanation.

Examples
--------
>>> from alliances.models.commitment import CommitmentModel
>>> result = CommitmentModel().best()
>>> result.c_star, result.dominant_fear
(0.5, 'abandonment')
"""

from __future__ import annotations

from dataclasses import dataclass

from alliances.i18n import _, number

__all__ = ["CommitmentResult"]


def _g(value: float) -> str:
    return number(value, ".3g")


@dataclass(frozen=True)
class CommitmentResult:
    """The best commitment of a :class:`CommitmentModel` and why.

    Attributes
    ----------
    c_star : float
        The best commitment level; when several levels tie, the smallest of them (see
        ``maximisers`` and ``every_level_optimal``: ties are never hidden).
    maximisers : tuple of float
        Every separate best level (for a linear tie: the two ends of [0, 1]).
    every_level_optimal : bool
        True when EU is flat: every level in [0, 1] is equally good.
    case : str
        "none" (c* = 0), "full" (c* = 1), "interior", "indifferent" (flat EU) or
        "several" (separate levels tie).
    method : str
        How c* was found.
    concave : bool
        Whether EU is concave (then the maximiser is unique unless EU is flat).
    expected_utility : float
        EU(c*).
    abandonment_risk, entrapment_risk : float
        P_A(c*) and P_E(c*).
    abandonment_loss, entrapment_loss : float
        The expected losses L_A P_A(c*) and L_E P_E(c*) that remain at c*.
    abandonment_stake, entrapment_stake : float
        L_A p_A and L_E p_E (1 - r0): what full commitment removes and adds.
    dominant_fear : str
        "abandonment", "entrapment" or "balanced": the larger stake.
    dilemma_cost : float
        V - EU(c*): the expected loss the state cannot avoid even at its best level.
    explanation : str
        Which fear dominates and why c* is where it is, in words.

    Examples
    --------
    >>> from alliances.models.commitment import CommitmentModel
    >>> result = CommitmentModel(L_A=8, L_E=4, p_A=0.5, p_E=0.5, r0=0.5, k=1,
    ...                          alpha=1, beta=1).best()
    >>> print(result.explanation)
    Fear of abandonment dominates: full commitment would remove an expected loss of 4 from
    abandonment and add 1 from entrapment; that gain outweighs the entrapment loss plus the
    cost of commitment (1), so the state commits fully (c* = 1).
    """

    c_star: float
    maximisers: tuple[float, ...]
    every_level_optimal: bool
    case: str
    method: str
    concave: bool
    expected_utility: float
    abandonment_risk: float
    entrapment_risk: float
    abandonment_loss: float
    entrapment_loss: float
    abandonment_stake: float
    entrapment_stake: float
    dominant_fear: str
    dilemma_cost: float
    explanation: str

    @property
    def summary(self) -> str:
        """One sentence for a figure caption or a widget.

        Examples
        --------
        >>> from alliances.models.commitment import CommitmentModel
        >>> CommitmentModel(alpha=1, beta=1, k=3).best().summary   # slope 5 - 4 - 3 < 0
        'Best commitment c* = 0 (EU = -6); P_A = 0.5, P_E = 0.1.'
        """
        if self.every_level_optimal:
            where = _("Every commitment level is equally good")
        elif len(self.maximisers) > 1:
            where = _("Best commitment tied at c* = {levels}").format(
                levels=_(" and ").join(_g(m) for m in self.maximisers))
        else:
            where = _("Best commitment c* = {c}").format(c=_g(self.c_star))
        return _("{where} (EU = {eu}); P_A = {p_a}, P_E = {p_e}.").format(
            where=where, eu=_g(self.expected_utility), p_a=_g(self.abandonment_risk),
            p_e=_g(self.entrapment_risk))
