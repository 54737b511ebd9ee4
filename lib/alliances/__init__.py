"""Alliance Dilemmas: the helper library of the course.

Game models, exact equilibria, figures and widgets for an interactive course on NATO and
the security dilemma in alliance politics. The package has five rooms, and the path of a
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

import importlib

#: The public API: each name, under the module (below ``alliances``) that defines it.
_API: dict[str, tuple[str, ...]] = {
    "models.burden": (
        "best_response", "corner_income", "nash_equilibrium", "nash_equilibrium_numerical",
        "plot_burden_shares", "plot_reaction_curves"),
    "models.caveats": ("CaveatModel", "plot_caveats"),
    "models.classification": ("Classification", "classify", "summarise"),
    "models.commitment": ("CommitmentModel", "plot_commitment"),
    "models.crisis": (
        "ally_fears", "backward_induction", "crisis_game", "crisis_story", "crisis_thresholds",
        "plot_game_tree", "two_ally_game"),
    "models.family_map": ("family_changes", "family_map", "plot_family_map"),
    "models.formation": ("join_decision", "plot_join_region"),
    "models.games": ("alliance_formation_game", "format_probability", "Game", "PRESETS", "symmetric_game"),
    "models.jervis": ("cooperation_threshold", "four_worlds", "plot_cooperation_threshold"),
    "models.nstate": (
        "alignment_timeline", "equilibrium_allies", "formation_payoffs",
        "plot_alignment_timeline", "plot_schelling_diagram", "PRESET_PARAMETERS"),
    "models.reassurance": ("bayesian_game", "policy_values", "reassurance_threshold", "simultaneous_threshold"),
    "models.repeated": (
        "grim_trigger_threshold", "play", "plot_replicator", "replicator", "STRATEGIES",
        "tit_for_tat_threshold", "tournament"),
    "models.smallstate": ("best_choice", "SMALL_STATE_PRESETS", "SmallState"),
    "views.reassurance": ("plot_enlargement_timeline", "plot_milex", "plot_reaction_intervals"),
    "views.smallstate": ("plot_burden_groups", "plot_region_vs_china", "plot_southeast_asia_timeline"),
    "views.payoff_matrix": ("plot_payoff_matrix",),
    "cases.afghanistan": (
        "as_burden_test", "deaths_per_thousand", "fatalities_between", "isaf_total",
        "plot_deaths_per_thousand", "plot_shares", "plot_spending", "region_rates",
        "share_table", "SNAPSHOTS", "spending_change", "spending_series", "troop_tests",
        "troops_vs_gdp"),
    "cases.nato_burden": (
        "allies_at_or_above", "burden_ranks", "correlation_table", "critical_rho",
        "estimates_2025", "nato_2019_test", "nato_paired_test", "pledge_timeline",
        "plot_allies_at_or_above", "plot_burden_vs_size", "plot_correlations", "sipri_test"),
    "cases.nato_russia": (
        "change_correlation", "fit_table", "milex_series", "nato_europe_members",
        "reaction_fits"),
    "cases.southeast_asia": ("burden_groups", "coverage", "follows_china", "share_of_gdp"),
    "cases.timeline": ("plot_timeline", "source_text", "timeline", "timeline_table"),
    "cases.ukraine": (
        "aid_by_donor", "aid_by_group", "aid_totals", "BASE_MODEL", "calibrate", "donor_groups",
        "heavy_weapons", "heavy_weapons_by_group", "largest_month", "military_share",
        "monthly_aid", "nato_members", "PERIODS", "plot_aid_by_donor", "plot_calibration_map",
        "plot_heavy_weapons", "plot_monthly_aid", "plot_support_ladder", "reproducing_region",
        "tank_game", "weapon_systems"),
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

_HOME: dict[str, str] = {name: f"{__name__}.{module}"
                         for module, names in _API.items() for name in names}

__all__ = sorted(_HOME, key=str.lower)
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """Load a public name from its module on first use (PEP 562)."""
    try:
        module = _HOME[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))
