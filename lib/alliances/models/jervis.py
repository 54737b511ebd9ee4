"""Jervis (1978): when does reassurance work? The cooperation threshold and four worlds.

Jervis argues that cooperation under the security dilemma is more likely "when the costs
of being exploited and the gains of exploiting others are low, when the gains from mutual
cooperation and the costs of mutual noncooperation are high, and when each side expects
the other to cooperate", and that the dilemma is eased "when the defense has the advantage
over the offense and when defensive postures differ from offensive ones" (abstract).

Two pieces of **our formalization** turn this into numbers:

* the **cooperation threshold** p*: with p the belief that the other cooperates,
  cooperating pays at least as much as defecting when
  ``p CC + (1 - p) CD >= p DC + (1 - p) DD``, that is when
  ``p >= p* = (DD - CD) / [(CC - DC) + (DD - CD)]`` (own move first: CD is cooperating
  against a defector). In a Stag Hunt p* < 1, so reassurance can work; in a Prisoner's
  Dilemma no belief p <= 1 is enough;
* an **illustrative mapping** from offence advantage and distinguishability to the
  payoffs (:func:`offence_defence_game`): both levers act through one *first-strike
  index* ``z = offence - 2 * distinguishability``, which raises the gain from exploiting
  (DC - CC = z) and the cost of being exploited (DD - CD = z + 2) together, with
  CC = 3 and DD = 1 fixed. The coefficients are ours, chosen so that the four corners
  reproduce the four worlds' qualitative verdicts; Jervis gives no numbers.

Examples
--------
>>> cooperation_threshold(CC=4, CD=1, DC=3, DD=2).p_star      # a Stag Hunt
0.5
>>> print(cooperation_threshold(CC=3, CD=1, DC=4, DD=2).message)
No belief makes cooperation pay: even if the other surely cooperates (p = 1), defecting pays DC = 4 against CC = 3. The formula gives p* = (2 − 1) / [(3 − 4) + (2 − 1)] = 1 / 0 = undefined (no p between 0 and 1 works).
"""


from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from alliances._validation import check_labels, check_real
from alliances.i18n import _, N_, number
from alliances.models.classification import classify
from alliances.models.family_map import family_phrase
from alliances.models.family_regions import MapView, affine_family_regions
from alliances.models.games import Game, format_probability, symmetric_game

__all__ = ["CooperationThreshold", "cooperation_threshold", "expected_payoffs",
           "offence_defence_game", "WORLDS", "jervis_plane"]

#: The illustrative mapping (our formalization): CC and DD fixed ...
_MUTUAL_COOPERATION = 3.0
_MUTUAL_DEFECTION = 1.0
#: ... the gain from exploiting, DC - CC, and the fear, DD - CD, when the index z is 0 ...
_GAIN_AT_ZERO = 0.0
_FEAR_AT_ZERO = 2.0
#: ... and z = offence - _DISTINGUISHABILITY_WEIGHT * distinguishability.
_DISTINGUISHABILITY_WEIGHT = 2.0

#: Jervis's four worlds (offence advantage?, postures distinguishable?) -> verdict.
#: The verdicts follow a summary of the article, not its page (see
#: notebooks/theory_notes.md#cooperation-under-the-security-dilemma).
WORLDS: dict[int, tuple[bool, bool, str]] = {
    1: (True, False, N_("doubly dangerous")),
    2: (False, False, N_("security dilemma, but security requirements may be compatible")),
    3: (True, True, N_("no security dilemma, but aggression possible; warning available")),
    4: (False, True, N_("doubly stable")),
}


@dataclass(frozen=True)
class CooperationThreshold:
    """When cooperating pays at least as much as defecting, given the belief p.

    Attributes
    ----------
    CC, CD, DC, DD : float
        Own payoff for (own move, other's move), C = cooperate, D = defect.
    kind : str
        "at least": cooperation pays iff p >= p_star (the Stag Hunt case);
        "at most": cooperation pays iff p <= p_star (an anti-coordination game);
        "always" or "never": whatever the belief (no threshold in [0, 1]);
        "indifferent": both always pay the same.
    p_star : float or None
        The belief at which both pay the same, when it lies in [0, 1] and divides the
        beliefs; None otherwise ("undefined").
    formula : str
        The formula with the numbers, and its value (or "undefined").
    message : str
        One or two plain sentences for students.

    Examples
    --------
    >>> threshold = cooperation_threshold(CC=4, CD=1, DC=3, DD=2)     # a Stag Hunt
    >>> threshold.kind, threshold.p_star
    ('at least', 0.5)
    """

    CC: float
    CD: float
    DC: float
    DD: float
    kind: str
    p_star: float | None
    formula: str
    message: str

    @property
    def defined(self) -> bool:
        """Whether some belief in [0, 1] separates cooperating from defecting."""
        return self.p_star is not None

    def cooperation_pays(self, p: float) -> bool:
        """Whether cooperating pays at least as much as defecting at belief ``p``.

        Examples
        --------
        >>> threshold = cooperation_threshold(4, 1, 3, 2)
        >>> threshold.cooperation_pays(0.4), threshold.cooperation_pays(0.6)
        (False, True)
        """
        p = check_real(p, "p", minimum=0, maximum=1)
        cooperate, defect = expected_payoffs(p, self.CC, self.CD, self.DC, self.DD)
        return cooperate >= defect - 1e-12


def _num(value: float) -> str:
    """A payoff as text, with a true minus sign."""
    return number(value, "g").replace("-", "−")


def expected_payoffs(p: float, CC: float, CD: float, DC: float, DD: float
                     ) -> tuple[float, float]:
    """Expected payoffs of cooperating and of defecting if the other cooperates with prob. p.

    Examples
    --------
    >>> expected_payoffs(0.5, CC=4, CD=1, DC=3, DD=2)
    (2.5, 2.5)
    """
    p = check_real(p, "p", minimum=0, maximum=1)
    cc, cd, dc, dd = (check_real(v, n) for v, n in ((CC, "CC"), (CD, "CD"), (DC, "DC"),
                                                    (DD, "DD")))
    return p * cc + (1 - p) * cd, p * dc + (1 - p) * dd


def cooperation_threshold(CC: float, CD: float, DC: float, DD: float
                          ) -> CooperationThreshold:
    """The belief p* above which cooperation pays (our formalization of Jervis 1978).

    p* = (DD − CD) / [(CC − DC) + (DD − CD)]: the *fear* term DD − CD (what being
    exploited costs compared with mutual defection) over the fear plus the *reward of
    restraint* CC − DC (what mutual cooperation adds to exploiting the other).

    Parameters
    ----------
    CC, CD, DC, DD : float
        Own payoff for (own move, other's move): CC mutual cooperation, CD cooperating
        against a defector, DC defecting against a cooperator, DD mutual defection. In
        T, R, P, S terms: CC = R, CD = S, DC = T, DD = P.

    Returns
    -------
    CooperationThreshold
        With ``p_star`` None, and a message saying why, where no belief in [0, 1]
        divides cooperating from defecting.

    Examples
    --------
    A Stag Hunt (CC > DC > DD > CD): reassurance works above p* = 2/3.

    >>> result = cooperation_threshold(CC=4, CD=0, DC=3, DD=2)
    >>> result.kind, result.p_star, result.formula
    ('at least', 0.666..., 'p* = (2 − 0) / [(4 − 3) + (2 − 0)] = 2/3')

    A Prisoner's Dilemma: p* would be above 1, so it is undefined.

    >>> result = cooperation_threshold(CC=3, CD=1, DC=4, DD=2)
    >>> result.kind, result.p_star, result.defined
    ('never', None, False)

    Harmony: being exploited is better than mutual defection, so cooperation always pays.

    >>> cooperation_threshold(CC=4, CD=2, DC=3, DD=1).kind
    'always'
    """
    cc, cd, dc, dd = (check_real(v, n) for v, n in ((CC, "CC"), (CD, "CD"), (DC, "DC"),
                                                    (DD, "DD")))
    fear, restraint = dd - cd, cc - dc
    denominator = restraint + fear
    shown = (f"p* = ({_num(dd)} − {_num(cd)}) / [({_num(cc)} − {_num(dc)}) + "
             f"({_num(dd)} − {_num(cd)})]").replace("− −", "+ ")
    exact = None if denominator == 0 else Fraction(fear) / Fraction(denominator)
    kind = _threshold_kind(fear, denominator, exact)
    value_text = (_("undefined") if exact is None else format_probability(exact)
                  if 0 <= exact <= 1 else _num(float(exact)))
    formula = f"{shown} = {value_text}"
    if kind not in ("at least", "at most"):
        formula = f"{shown} = {_num(fear)} / {_num(denominator)} = {value_text}"
    p_star = float(exact) if kind in ("at least", "at most") else None
    message = _threshold_message(kind, exact, value_text, formula, (cc, cd, dc, dd))
    return CooperationThreshold(cc, cd, dc, dd, kind, p_star, formula, message)


def _threshold_kind(fear: float, denominator: float, exact: Fraction | None) -> str:
    """How cooperation's payoff compares with defection's across beliefs (see the class)."""
    if exact is not None and 0 <= exact <= 1:
        return "at least" if denominator > 0 else "at most"
    if (exact is not None and (exact < 0) == (denominator > 0)) or (
            denominator == 0 and fear < 0):
        return "always"
    if denominator == 0 and fear == 0:
        return "indifferent"
    return "never"


def _threshold_message(kind: str, exact: Fraction | None, value_text: str, formula: str,
                       payoffs: tuple[float, float, float, float]) -> str:
    """The plain sentences for students that explain a threshold of this ``kind``."""
    cc, cd, dc, dd = payoffs
    if kind == "at least":
        message = _("Cooperation pays if the other cooperates with probability at least "
                    "p* = {value}.").format(value=value_text)
        if exact == 0:
            message += _(" Being exploited costs nothing here, so any belief will do.")
        elif exact == 1:
            message += _(" Only certainty will do: cooperating and defecting tie at p = 1.")
        return message
    if kind == "at most":
        return _("Cooperation pays only if the other cooperates with probability at most "
                 "{value}: an anti-coordination game (like Chicken), in which expecting the "
                 "other to hold back makes holding back unattractive.").format(value=value_text)
    if kind == "never":
        return _("No belief makes cooperation pay: even if the other surely cooperates (p = "
                 "1), defecting pays DC = {dc} against CC = {cc}. The formula gives {formula} "
                 "(no p between 0 and 1 works).").format(dc=_num(dc), cc=_num(cc),
                                                          formula=formula)
    if kind == "indifferent":
        return _("Cooperating and defecting pay the same whatever the other does, so there "
                 "is no threshold.")
    return _("Cooperation pays whatever the belief: being exploited (CD = {cd}) is no worse "
             "than mutual defection (DD = {dd}), so no reassurance is needed.").format(
                 cd=_num(cd), dd=_num(dd))


@dataclass(frozen=True)
class _JervisWorld:
    """A point of the offence-defence plane and the game it gives (our formalization).

    Attributes
    ----------
    offence, distinguishability : float
        The two levers: offence advantage in [-1, 1] (negative: defence has the
        advantage) and distinguishability of postures in [0, 1].
    index : float
        The first-strike index z = offence - 2 * distinguishability.
    T, R, P, S : float
        The symmetric game: T = DC, R = CC, P = DD, S = CD.
    family : str
        Its 2x2 family (boundaries "A / B" on ties).
    threshold : CooperationThreshold
    world : int or None
        Jervis's world 1-4, or None on a dividing line (offence = 0 or
        distinguishability = 0.5).
    verdict : str
        Jervis's verdict for that world ("" if none).
    """

    offence: float
    distinguishability: float
    index: float
    T: float
    R: float
    P: float
    S: float
    family: str
    threshold: CooperationThreshold
    world: int | None
    verdict: str

    def game(self, labels: tuple[str, str] = ("Cooperate", "Defect")) -> Game:
        """The symmetric game as a :class:`~alliances.models.games.Game`.

        Examples
        --------
        >>> offence_defence_game(1, 0).game().pure_equilibria()
        [('Defect', 'Defect')]
        """
        labels = check_labels(labels, 2, "labels")
        return symmetric_game(self.T, self.R, self.P, self.S, labels=labels)

    def sentence(self) -> str:
        """The world, its game and the threshold, in one sentence.

        Examples
        --------
        >>> print(offence_defence_game(-1, 0).sentence())
        World 2 (defence has the advantage, postures hard to tell apart: "security dilemma, but security requirements may be compatible"): the game is a Stag Hunt (T = 2, R = 3, P = 1, S = 0), and cooperation pays if the other cooperates with probability at least p* = 1/2.
        """
        o = _("offence has the advantage") if self.offence > 0 else (
            _("defence has the advantage") if self.offence < 0
            else _("offence and defence balanced"))
        d = _("postures distinguishable") if self.distinguishability > 0.5 else (
            _("postures hard to tell apart") if self.distinguishability < 0.5
            else _("postures half distinguishable"))
        where = (_("World {world} ({offence}, {postures}: \"{verdict}\")") if self.world
                 else _("Between worlds ({offence}, {postures})")).format(
                     world=self.world, offence=o, postures=d, verdict=_(self.verdict))
        numbers = ", ".join(f"{k} = {number(getattr(self, k), 'g')}" for k in "TRPS")
        text = self.threshold.message.split(":")[0] if self.threshold.kind == "never" else \
            self.threshold.message.rstrip(".")
        return _("{where}: the game is {family} ({numbers}), and {threshold}.").format(
            where=where, family=family_phrase(self.family), numbers=numbers,
            threshold=text[0].lower() + text[1:])


def offence_defence_game(offence: float, distinguishability: float) -> _JervisWorld:
    """Map offence advantage and distinguishability to a game (our formalization).

    Illustrative only: Jervis (1978) argues qualitatively. Here both levers act through
    one first-strike index z = offence − 2·distinguishability (a full swing of either
    lever moves z by 2):

    * gain from exploiting: T − R = DC − CC = z;
    * cost of being exploited: P − S = DD − CD = z + 2;
    * R = CC = 3 and P = DD = 1 fixed.

    So p* = (z + 2) / 2 = 1 + z/2 while it lies in [0, 1]: more offence advantage raises
    it, more distinguishability lowers it. At z = 0 (for example no advantage either way
    and indistinguishable postures) the game is on the Prisoner's Dilemma / Stag Hunt
    boundary.

    Parameters
    ----------
    offence : float
        Offence advantage, from -1 (defence has the advantage) to 1.
    distinguishability : float
        How well offensive and defensive postures can be told apart, from 0 to 1.

    Returns
    -------
    _JervisWorld

    Examples
    --------
    >>> world = offence_defence_game(offence=1, distinguishability=0)
    >>> world.world, world.family, world.threshold.p_star
    (1, "Prisoner's Dilemma", None)
    >>> offence_defence_game(-1, 1).family, offence_defence_game(-1, 1).threshold.kind
    ('Harmony', 'always')
    """
    o = check_real(offence, "offence", minimum=-1, maximum=1)
    d = check_real(distinguishability, "distinguishability", minimum=0, maximum=1)
    z = o - _DISTINGUISHABILITY_WEIGHT * d
    r, p = _MUTUAL_COOPERATION, _MUTUAL_DEFECTION
    t = r + _GAIN_AT_ZERO + z
    s = p - (_FEAR_AT_ZERO + z)
    family = classify(symmetric_game(t, r, p, s)).family
    threshold = cooperation_threshold(CC=r, CD=s, DC=t, DD=p)
    world = None
    if o != 0 and d != 0.5:
        world = next(k for k, (off, dist, _rest) in WORLDS.items()
                     if off == (o > 0) and dist == (d > 0.5))
    verdict = WORLDS[world][2] if world else ""
    return _JervisWorld(o, d, z, t, r, p, s, family, threshold, world, verdict)


def jervis_plane(offence: float = 0.0, distinguishability: float = 0.0) -> MapView:
    """The offence-defence plane coloured by family, with a point (for the map plot).

    Examples
    --------
    >>> view = jervis_plane(0.5, 0.25)
    >>> sorted({r.family for r in view.regions})
    ['Harmony', "Prisoner's Dilemma", 'Stag Hunt']
    >>> view.point
    (0.5, 0.25)
    """
    o = check_real(offence, "offence", minimum=-1, maximum=1)
    d = check_real(distinguishability, "distinguishability", minimum=0, maximum=1)
    regions, ties = _plane()
    return MapView(regions=regions, ties=ties, labels=("Cooperate", "Defect"),
                   xlim=(-1.0, 1.0), ylim=(0.0, 1.0), point=(o, d),
                   x_label=_("offence advantage (−1 defence … +1 offence)"),
                   y_label=_("distinguishability (0 … 1)"),
                   title=_("Which game? Offence advantage and distinguishability"),
                   note=_("our formalization (illustrative)"), key=("jervis",))


_PLANE: tuple | None = None


def _plane() -> tuple:
    global _PLANE  # a constant computed once; not state that changes
    if _PLANE is None:
        k = _DISTINGUISHABILITY_WEIGHT
        coeffs = {"T": (_MUTUAL_COOPERATION + _GAIN_AT_ZERO, 1.0, -k),
                  "R": (_MUTUAL_COOPERATION, 0.0, 0.0),
                  "P": (_MUTUAL_DEFECTION, 0.0, 0.0),
                  "S": (_MUTUAL_DEFECTION - _FEAR_AT_ZERO, -1.0, k)}
        _PLANE = affine_family_regions(coeffs, (-1.0, 1.0), (0.0, 1.0))
    return _PLANE
