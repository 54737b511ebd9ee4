"""Joining an alliance or staying out: security gained against the costs of allying.

Why do states ally, and what does it cost them? The *capability aggregation* view says
that states pool strength against a threat. Morrow (1991) adds that alliances trade
**autonomy** (freedom to pursue one's own aims) for **security** (protection of the
status quo): in an asymmetric alliance the minor partner gains security and gives up
autonomy, while the major partner gains autonomy (influence, bases) for little security.

The model below is **our formalization** of these verbal arguments (the theory notes,
``notebooks/theory_notes.md``, give Morrow's claims; the utility ``U = w s + (1 - w) a`` is
ours); the functional forms are illustrative, not Morrow's. A state weighs:

* the **security gained**: if challenged (which happens with probability ``threat``),
  it holds the status quo with probability ``p(s) = s / (1 + s)``, where ``s`` is its
  strength relative to the adversary's (adversary = 1). Allies add their strength::

      security_gain = threat * (p(own + allies) - p(own));

* the **entrapment risk**: the expected security lost by being dragged into an ally's
  conflict (Snyder 1984; part 3 of the course), subtracted from the security gain;
* the **autonomy change**: negative if the alliance constrains the state (consultation,
  commitments, foreign bases), positive if it gives the state influence over its allies;
* the **spending obligation**: the cost of what the alliance requires beyond what the
  state would spend anyway (NATO's 2 % guideline, for example).

With ``w`` the weight the state puts on security, joining pays when::

    net = w * (security_gain - entrapment_risk) + (1 - w) * autonomy_change - spending > 0.

All quantities are in the same units: the value of the status quo the state wants to
protect is 1.

Examples
--------
>>> decision = join_decision(threat=0.6, own_strength=0.3, allies_strength=4.0)
>>> decision.decision
'join'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from alliances._validation import short_repr, check_real
from alliances.i18n import _, N_, number, percent

__all__ = [
    "PARAMETERS",
    "DEFAULTS",
    "PRESETS",
    "parameter_values",
    "hold_probability",
    "net_benefit",
    "join_decision",
    "threat_threshold",
    "join_region",
]

#: Each parameter: (label a student understands, minimum, maximum, slider step). The
#: minimum and maximum bound the widget's sliders and the axes of the region plot.
PARAMETERS: dict[str, tuple[str, float, float, float]] = {
    "threat": ("threat: chance of a challenge", 0.0, 1.0, 0.01),
    "own_strength": ("own strength (adversary = 1)", 0.05, 5.0, 0.05),
    "allies_strength": ("allies' strength (adversary = 1)", 0.0, 10.0, 0.1),
    "security_weight": ("weight on security, w", 0.0, 1.0, 0.01),
    "autonomy_change": ("autonomy gained (+) or lost (\u2212)", -0.5, 0.5, 0.01),
    "entrapment_risk": ("entrapment risk", 0.0, 0.5, 0.01),
    "spending": ("spending obligation", 0.0, 0.5, 0.01),
}

#: A minor power facing a real threat, with strong allies: joining pays.
DEFAULTS: dict[str, float] = {
    "threat": 0.5, "own_strength": 0.5, "allies_strength": 3.0, "security_weight": 0.7,
    "autonomy_change": -0.1, "entrapment_risk": 0.05, "spending": 0.05,
}

#: Illustrative cases (not data): the same model, three kinds of state.
PRESETS: dict[str, dict[str, float]] = {
    "Small state facing a threat": dict(DEFAULTS, threat=0.6, own_strength=0.3,
                                        allies_strength=4.0, security_weight=0.8),
    "Major power (gains autonomy)": dict(DEFAULTS, threat=0.2, own_strength=3.0,
                                         allies_strength=1.0, security_weight=0.3,
                                         autonomy_change=0.1, entrapment_risk=0.1,
                                         spending=0.02),
    "Distant state, low threat": dict(DEFAULTS, threat=0.1, own_strength=0.5,
                                      allies_strength=3.0, security_weight=0.6,
                                      autonomy_change=-0.15, entrapment_risk=0.1),
}

# Bounds the model itself needs (wider than the sliders'): name -> (min, max, min open).
_BOUNDS: dict[str, tuple[float | None, float | None, bool]] = {
    "threat": (0.0, 1.0, False),
    "own_strength": (0.0, None, True),
    "allies_strength": (0.0, None, False),
    "security_weight": (0.0, 1.0, False),
    "autonomy_change": (-1.0, 1.0, False),
    "entrapment_risk": (0.0, 1.0, False),
    "spending": (0.0, None, False),
}


def _check_params(params: Mapping[str, object], *, allow_arrays: bool = False,
                  without: tuple[str, ...] = (), prefix: str | None = None,
                  labels: Mapping[str, str] | None = None) -> dict[str, object]:
    """Fill in defaults and check every parameter (numbers or, if allowed, arrays).

    ``prefix`` is the name of the argument that holds the parameters when they come as
    one dict (``params``); errors then name ``params['threat']`` rather than ``threat``.
    """
    if not isinstance(params, Mapping):
        raise TypeError(_("{what} must be a dict of parameters such as {{'threat': "
                          "0.5}}; got {kind} {params}").format(
                          what=prefix or 'params', kind=type(params).__name__,
                          params=short_repr(params)))
    unknown = sorted(str(k) for k in set(params) - set(PARAMETERS))
    if unknown:
        raise TypeError(_("{where}unknown parameter(s) {unknown}; the parameters are "
                          "{parameters}").format(
                          where=prefix + ': ' if prefix else '', unknown=unknown,
                          parameters=list(PARAMETERS)))
    values: dict[str, object] = {}
    for key, default in DEFAULTS.items():
        if key in without:
            continue
        label = (labels or {}).get(key) or (f"{prefix}[{key!r}]" if prefix else key)
        value = params.get(key, default)
        if allow_arrays and isinstance(value, np.ndarray):
            values[key] = _check_array(value, key, label)
        else:
            low, high, open_low = _BOUNDS[key]
            values[key] = check_real(value, label, minimum=low, maximum=high,
                                     allow_equal_min=not open_low)
    return values


def _check_array(value: np.ndarray, key: str, label: str) -> np.ndarray:
    """The array ``value`` of parameter ``key`` as floats, finite and within its bounds."""
    low, high, open_low = _BOUNDS[key]
    array = value.astype(float)
    if not np.all(np.isfinite(array)):
        raise ValueError(_("{label} must be finite; got {array}").format(
                           label=label, array=short_repr(array.tolist())))
    bad = (array <= low) if open_low else (array < low)
    if high is not None:
        bad |= array > high
    if np.any(bad):
        bound = {(True, True): _("above {low} and at most {high}"),
                 (True, False): _("above {low}"),
                 (False, True): _("at least {low} and at most {high}"),
                 (False, False): _("at least {low}")}[open_low, high is not None].format(
                     low=number(low), high=number(high) if high is not None else "")
        raise ValueError(_("{label} must be {bound}; got {value}").format(
                           label=label, bound=bound, value=short_repr(array[bad].tolist())))
    return array


def parameter_values(params: Mapping[str, object]) -> dict[str, float]:
    """Every parameter of the model: those in ``params`` checked, the others from DEFAULTS.

    Parameters
    ----------
    params : dict
        Some of the names of :data:`PARAMETERS` and their values.

    Returns
    -------
    dict
        All seven parameters, in the order of :data:`DEFAULTS`.

    Examples
    --------
    >>> values = parameter_values({"threat": 0.2})
    >>> values["threat"], values["spending"]
    (0.2, 0.05)
    >>> parameter_values({"threat": 1.5})
    Traceback (most recent call last):
    ...
    alliances.InputError: params['threat'] must be <= 1.0; got 1.5
    """
    return _check_params(params, prefix="params")


def hold_probability(strength: object) -> object:
    """The chance of holding the status quo if challenged: ``s / (1 + s)``.

    ``strength`` is relative to the adversary's (adversary = 1), so equal strength
    gives one half. Accepts a number or an array.

    Examples
    --------
    >>> hold_probability(1.0), hold_probability(3.0)
    (0.5, 0.75)
    """
    if isinstance(strength, np.ndarray):
        return strength / (1.0 + strength)
    s = check_real(strength, "strength", minimum=0.0)
    return s / (1.0 + s)


def _terms(v: Mapping[str, object]) -> dict[str, object]:
    gain = v["threat"] * (hold_probability(v["own_strength"] + v["allies_strength"])
                          - hold_probability(v["own_strength"]))
    w = v["security_weight"]
    return {"security": w * gain, "entrapment": -w * v["entrapment_risk"],
            "autonomy": (1.0 - w) * v["autonomy_change"], "spending": -v["spending"],
            "_gain": gain}


def net_benefit(**params: float) -> float:
    """The net benefit of joining (positive: joining pays). Missing parameters: defaults.

    ``w (security_gain - entrapment_risk) + (1 - w) autonomy_change - spending``, our
    formalization (see the module docstring).

    Examples
    --------
    >>> round(net_benefit(threat=0.5, own_strength=0.5, allies_strength=3.0,
    ...                   security_weight=0.7, autonomy_change=-0.1,
    ...                   entrapment_risk=0.05, spending=0.05), 4)
    0.0406
    >>> net_benefit(threat=1.5)
    Traceback (most recent call last):
    ...
    alliances.InputError: threat must be <= 1.0; got 1.5
    """
    terms = _terms(_check_params(params))
    return float(sum(value for name, value in terms.items() if not name.startswith("_")))


@dataclass(frozen=True)
class _JoinDecision:
    """The decision, its net benefit and the reason, in a sentence.

    Attributes
    ----------
    decision : str
        ``"join"``, ``"stay out"`` or ``"indifferent"`` (net benefit zero: a tie).
    net_benefit : float
    security_alone, security_allied : float
        Chances of holding the status quo if challenged, alone and with the allies.
    security_gain : float
        ``threat * (security_allied - security_alone)``, before weighting.
    terms : dict
        The weighted contributions to the net benefit: ``security``, ``entrapment``,
        ``autonomy``, ``spending`` (costs are negative).
    reason : str
        One or two sentences saying why.
    """

    decision: str
    net_benefit: float
    security_alone: float
    security_allied: float
    security_gain: float
    terms: dict[str, float] = field(default_factory=dict)
    reason: str = ""


_TERM_WORDS = {"security": N_("security gained"), "entrapment": N_("entrapment risk"),
               "autonomy": N_("autonomy lost"), "spending": N_("spending obligation")}


def join_decision(**params: float) -> _JoinDecision:
    """Join or stay out, and why (our formalization of Morrow's trade-off).

    Parameters
    ----------
    threat : float
        Chance that the adversary challenges the status quo, in [0, 1].
    own_strength : float
        The state's strength relative to the adversary's, above 0.
    allies_strength : float
        The allies' combined strength relative to the adversary's, at least 0.
    security_weight : float
        ``w`` in [0, 1]: how much the state values security against autonomy.
    autonomy_change : float
        Autonomy gained (positive) or lost (negative) by joining, in [-1, 1].
    entrapment_risk : float
        Expected security lost by being dragged into an ally's conflict, in [0, 1].
    spending : float
        Cost of the alliance's spending obligation, at least 0.

    Missing parameters take the values of :data:`DEFAULTS`.

    Returns
    -------
    _JoinDecision

    Examples
    --------
    >>> d = join_decision()
    >>> d.decision, round(d.security_alone, 3), round(d.security_allied, 3)
    ('join', 0.333, 0.778)
    >>> print(d.reason)   # doctest: +ELLIPSIS
    Joining pays (net benefit +0.041): the allies raise the chance of holding ...
    >>> join_decision(threat=0.0, autonomy_change=0.0, entrapment_risk=0.0,
    ...               spending=0.0).decision
    'indifferent'
    >>> join_decision(allies=3)
    Traceback (most recent call last):
    ...
    TypeError: unknown parameter(s) ['allies']; the parameters are ['threat', ...]
    """
    v = _check_params(params)
    terms = _terms(v)
    gain = float(terms.pop("_gain"))
    terms = {k: float(x) for k, x in terms.items()}
    net = sum(terms.values())
    alone = float(hold_probability(v["own_strength"]))
    allied = float(hold_probability(v["own_strength"] + v["allies_strength"]))
    if abs(net) <= 1e-12:
        decision, net = "indifferent", 0.0
    else:
        decision = "join" if net > 0 else "stay out"
    return _JoinDecision(decision, net, alone, allied, gain, terms,
                        _reason(decision, net, alone, allied, v, terms))


def _reason(decision: str, net: float, alone: float, allied: float,
            v: Mapping[str, float], terms: Mapping[str, float]) -> str:
    costs = sorted(((k, -x) for k, x in terms.items() if x < -1e-12), key=lambda kv: -kv[1])
    head = {"join": _("Joining pays"), "stay out": _("Staying out pays"),
            "indifferent": _("Joining and staying out are equally good")}[decision]
    text = _("{head} (net benefit {net}): the allies raise the chance of holding the status "
             "quo if attacked from {alone} to {allied}, worth {security} at threat {threat} "
             "and security weight {weight}").format(
                 head=head, net=number(net, "+.3f"), alone=percent(100 * alone, 0),
                 allied=percent(100 * allied, 0), security=number(terms["security"], ".3f"),
                 threat=number(v["threat"], ".2f"), weight=number(v["security_weight"], ".2f"))
    if terms["autonomy"] > 1e-12:
        text += _(", plus an autonomy gain worth {autonomy}").format(
            autonomy=number(terms["autonomy"], ".3f"))
    if not costs:
        return text + _(", at no cost.")
    listed = ", ".join(f"{_(_TERM_WORDS[k])} {number(x, '.3f')}" for k, x in costs)
    verb = {"join": _("that is more than the costs ({listed})."),
            "stay out": _("that is less than the costs ({listed})."),
            "indifferent": _("that is exactly the costs ({listed}).")}[decision]
    largest = [_(_TERM_WORDS[k]) for k, x in costs if x >= costs[0][1] - 1e-12]
    which = (_("The largest cost is the {cost}.").format(cost=largest[0]) if len(largest) == 1
             else _("The largest costs, equal, are the {costs}.").format(
                 costs=_(" and the ").join(largest)))
    return f"{text}; {verb.format(listed=listed)} {which}"


def _grid(values: object, name: str) -> np.ndarray:
    """A non-empty 1-D float array, or an error naming ``name``."""
    if values is None or isinstance(values, (str, bytes, dict, set)):
        raise TypeError(_("{name} must be a list of numbers; got {kind} {values}").format(
                          name=name, kind=type(values).__name__, values=short_repr(values)))
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError, OverflowError) as error:
        raise TypeError(_("{name} must be a list of numbers; got {values}").format(
                          name=name, values=short_repr(values))) from error
    if array.ndim != 1 or array.size == 0:
        raise ValueError(_("{name} must be a non-empty 1-D list of numbers; got shape "
                           "{array_shape}").format(name=name, array_shape=array.shape))
    return array


def threat_threshold(**params: object) -> object:
    """The threat above which joining pays, all other parameters fixed.

    The net benefit rises linearly with the threat, so joining pays exactly when
    ``threat > (w entrapment - (1 - w) autonomy_change + spending) / (w (p(own + allies)
    - p(own)))``. Parameters may be numpy arrays (broadcast together) for the region
    plot. A result below 0 means joining pays at any threat; ``inf`` means it never
    strictly pays (the allies add no security that the state values, and the costs are
    not negative); ``-inf`` means it pays even with no security gain at all.

    Examples
    --------
    >>> round(threat_threshold(own_strength=0.5, allies_strength=3.0, security_weight=0.7,
    ...                        autonomy_change=-0.1, entrapment_risk=0.05, spending=0.05), 4)
    0.3696
    >>> threat_threshold(allies_strength=0.0)
    inf
    """
    v = _check_params({k: (_grid(x, k) if isinstance(x, (list, tuple)) else x)
                       for k, x in params.items()}, allow_arrays=True, without=("threat",))
    if "threat" in params:
        raise TypeError(_("threat_threshold takes every parameter except threat"))
    w = v["security_weight"]
    slope = w * (hold_probability(v["own_strength"] + v["allies_strength"])
                 - hold_probability(v["own_strength"]))
    cost = w * v["entrapment_risk"] - (1.0 - w) * v["autonomy_change"] + v["spending"]
    slope, cost = np.broadcast_arrays(np.asarray(slope, float), np.asarray(cost, float))
    with np.errstate(divide="ignore", invalid="ignore"):
        result = np.where(slope > 1e-15, cost / np.where(slope > 1e-15, slope, 1.0),
                          np.where(cost < 0, -np.inf, np.inf))
    return float(result) if result.ndim == 0 else result


def join_region(x_name: str, x_values: object, y_name: str, y_values: object,
                **params: float) -> np.ndarray:
    """The net benefit of joining over a grid of two parameters (positive: join).

    Parameters
    ----------
    x_name, y_name : str
        Two different names from :data:`PARAMETERS`.
    x_values, y_values : array_like
        1-D values of each.
    **params
        The other parameters (defaults otherwise).

    Returns
    -------
    numpy.ndarray
        Shape ``(len(y_values), len(x_values))``: rows follow ``y``.

    Examples
    --------
    >>> grid = join_region("threat", [0.0, 1.0], "own_strength", [0.5, 5.0])
    >>> (grid > 0).tolist()
    [[False, True], [False, False]]
    """
    for name, label in ((x_name, "x_name"), (y_name, "y_name")):
        if not isinstance(name, str):
            raise TypeError(_("{label} must be a parameter name (str); got {kind} {name}").format(
                              label=label, kind=type(name).__name__, name=short_repr(name)))
        if name not in PARAMETERS:
            raise ValueError(_("{label} must be one of {parameters}; got {name}").format(
                               label=label, parameters=list(PARAMETERS), name=repr(name)))
    if x_name == y_name:
        raise ValueError(_("x_name and y_name must differ; both are {x_name}").format(
                           x_name=repr(x_name)))
    if x_name in params or y_name in params:
        raise TypeError(_("give {x_name} and {y_name} as the grid, not as parameters").format(
                          x_name=repr(x_name), y_name=repr(y_name)))
    xs = _grid(x_values, "x_values")
    ys = _grid(y_values, "y_values")
    for values, label, key in ((xs, "x_values", x_name), (ys, "y_values", y_name)):
        _check_params({key: values}, allow_arrays=True, labels={key: f"{label} ({key})"})
    grid_x, grid_y = np.meshgrid(xs, ys)
    v = _check_params({**params, x_name: grid_x, y_name: grid_y}, allow_arrays=True)
    terms = _terms(v)
    return sum(np.asarray(x, dtype=float) * np.ones_like(grid_x)
               for name, x in terms.items() if not name.startswith("_"))
