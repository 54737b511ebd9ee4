"""Alliance Dilemmas: the helper library of the course.

Game models, exact equilibria, figures and widgets for an interactive course on NATO and
the security dilemma in alliance politics. The package has six rooms, and the path of a
module says what it may import:

``alliances.models``
    pure models (games, equilibria, the course's formalizations): numpy and fractions only;
``alliances.data``
    loading the course's CSV files, each checked against its schema;
``alliances.views``
    matplotlib figures, one module per concept; a view takes model results;
``alliances.cases``
    the case studies on real data (NATO burden sharing, Ukraine, Afghanistan, NATO and
    Russia, Southeast Asia): data, calibration and the wiring of their figures;
``alliances.widgets``
    thin interactive widgets: controls, a model call, a view redrawn in place;
``alliances.coursework``
    the exercises, their checks and the exercise bank.

The notebooks import everything they use from this top-level package: the names below are
the course's public API. They are loaded on first use, so ``import alliances`` is quick
and a notebook loads only the rooms it needs.

Examples
--------
>>> from alliances import symmetric_game
>>> symmetric_game(4, 3, 2, 1, labels=("Abstain", "Ally")).pure_equilibria()
[('Ally', 'Ally')]
"""

from __future__ import annotations

import ast
import importlib
from functools import cache
from pathlib import Path

#: The public API of the models, views, widgets and coursework: each name, under the module
#: (below ``alliances``) that defines it. The case studies' names are not listed here: each
#: module of ``alliances/cases`` exports its ``__all__`` (see :func:`_case_names`), so that a
#: new case study needs no edit of this file.
_API: dict[str, tuple[str, ...]] = {
    "_validation": ("InputError",),
    "i18n": ("get_language", "LANGUAGES", "set_language"),
    "models.burden": (
        "best_response", "corner_income", "nash_equilibrium", "nash_equilibrium_numerical"),
    "models.caveats": ("CaveatModel",),
    "models.classification": ("Classification", "classify", "summarise"),
    "models.commitment": ("CommitmentModel",),
    "models.crisis": (
        "ally_fears", "crisis_game", "crisis_story", "crisis_thresholds", "two_ally_game"),
    "models.family_map": ("family_changes", "family_map"),
    "models.formation": ("join_decision",),
    "models.games": (
        "alliance_formation_game", "format_probability", "Game", "PRESETS", "symmetric_game"),
    "models.gametree": ("backward_induction",),
    "models.jervis": ("cooperation_threshold",),
    "models.nstate": ("equilibrium_allies", "formation_payoffs", "PRESET_PARAMETERS"),
    "models.reassurance": (
        "bayesian_game", "policy_values", "reassurance_threshold", "simultaneous_threshold"),
    "models.repeated": (
        "grim_trigger_threshold", "play", "replicator", "STRATEGIES", "tit_for_tat_threshold",
        "tournament"),
    "models.smallstate": ("best_choice", "SMALL_STATE_PRESETS", "SmallState",
                          "patron_equilibria", "patron_game"),
    "views.afghanistan": ("plot_deaths_per_thousand", "plot_shares"),
    "views.burden": ("plot_burden_shares", "plot_reaction_curves"),
    "views.caveats": ("plot_caveats",),
    "views.commitment": ("plot_commitment",),
    "views.family_map": ("plot_family_map",),
    "views.formation": ("plot_join_region",),
    "views.gametree": ("plot_game_tree",),
    "views.jervis": ("four_worlds", "plot_cooperation_threshold"),
    "views.nato_burden": ("plot_burden_vs_size",),
    "views.nato_spending": ("plot_allies_at_or_above",),
    "views.nstate": (
        "alignment_timeline", "plot_alignment_timeline", "plot_schelling_diagram"),
    "views.payoff_matrix": ("plot_payoff_matrix",),
    "views.reassurance": (
        "plot_enlargement_timeline", "plot_milex", "plot_reaction_intervals"),
    "views.repeated": ("plot_replicator",),
    "views.timeline": ("plot_timeline",),
    "widgets.base": ("LiveFigure",),
    "widgets.burden": ("BurdenSharingExplorer",),
    "widgets.caveats": ("CaveatExplorer",),
    "widgets.commitment": ("CommitmentExplorer",),
    "widgets.crisis": ("CrisisExplorer", "DependenceExplorer"),
    "widgets.family_map": ("FamilyMapExplorer",),
    "widgets.formation": ("JoinOrStayOut",),
    "widgets.jervis": ("JervisWidget",),
    "widgets.payoff_editor": ("PayoffEditor",),
    "widgets.reassurance": ("ReassuranceExplorer",),
    "widgets.repeated": ("DiscountWidget",),
    "widgets.smallstate": ("SmallStateExplorer",),
    "widgets.ukraine": ("CalibrationExplorer",),
    "coursework.exercises": ("check",),
}



def _case_names() -> dict[str, str]:
    """Each name of a case module's ``__all__``, read from its source without importing it."""
    names: dict[str, str] = {}
    for path in sorted((Path(__file__).parent / "cases").glob("[!_]*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and any(
                    isinstance(target, ast.Name) and target.id == "__all__"
                    for target in node.targets):
                for name in ast.literal_eval(node.value):
                    names.setdefault(name, f"{__name__}.cases.{path.stem}")
    return names


_TABLE: dict[str, str] = {name: f"{__name__}.{module}"
                          for module, names in _API.items() for name in names}


@cache
def _home() -> dict[str, str]:
    """Every public name and the module that defines it (the table wins over the cases)."""
    return _case_names() | _TABLE


__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """Load a public name from its module on first use (PEP 562)."""
    if name == "__all__":
        return sorted(_home(), key=str.lower)
    try:
        module = _TABLE[name] if name in _TABLE else _home()[name]   # the cases are read
    except KeyError:                                                 # only when needed
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_home()))
