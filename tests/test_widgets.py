"""Tests for the PayoffEditor widget, driven without a browser by setting control values.

Which control edits which payoff is read from each control's own tooltip (what a student
sees), so the test also checks that the tooltips tell the truth. Expected payoffs of the
presets are written out by hand from their (T, R, P, S). No timing assertions: the
latency benchmark reports numbers, it does not pass or fail.
"""

from __future__ import annotations

import base64
import html
import re
import sys

import ipywidgets as widgets
import numpy as np
import pytest
import traitlets

from alliances import Game, symmetric_game
from alliances import LiveFigure, PayoffEditor
from alliances.widgets.burden import BurdenSharingExplorer
from figure_texts import overlapping_texts, shown_texts, texts_off_the_figure

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LABELS = ("Abstain", "Ally")


def editor_module():
    """The module whose globals PayoffEditor's callbacks use (for monkeypatching)."""
    return sys.modules[PayoffEditor.__module__]


def control_map(editor: PayoffEditor) -> dict[tuple[str, int, int], widgets.Widget]:
    """(player, i, j) -> control, parsed from the tooltips."""
    game = editor.game
    pattern = re.compile(r"^(.+)'s payoff when (.+) plays (.+) and (.+) plays (.+)$")
    found = {}
    for control in editor.payoff_controls:
        name, row_name, row_label, col_name, col_label = pattern.match(
            control.tooltip).groups()
        assert (row_name, col_name) == (game.row_name, game.col_name)
        player = "row" if name == game.row_name else "column"
        key = (player, game.row_labels.index(row_label), game.col_labels.index(col_label))
        found[key] = control
    assert len(found) == 8
    return found


def shown_payoffs(editor: PayoffEditor) -> tuple[list, list]:
    controls = control_map(editor)
    A = [[controls["row", i, j].value for j in range(2)] for i in range(2)]
    B = [[controls["column", i, j].value for j in range(2)] for i in range(2)]
    return A, B


def figure_numbers(editor: PayoffEditor) -> dict[tuple[int, int], tuple[str, str]]:
    return {cell: (editor.plot.row_texts[cell].get_text(), editor.plot.col_texts[cell].get_text())
            for cell in editor.plot.row_texts}


@pytest.fixture
def editor() -> PayoffEditor:
    return PayoffEditor()          # the default: Snyder's prisoner's dilemma, 4 3 2 1


def test_initial_view(editor):
    assert isinstance(editor, LiveFigure)
    # PD with T, R, P, S = 4, 3, 2, 1: A = [[R, S], [T, P]], B = A^T.
    assert shown_payoffs(editor) == ([[3, 1], [4, 2]], [[3, 4], [1, 2]])
    assert editor.game.A.tolist() == [[3, 1], [4, 2]]
    assert editor.game.row_labels == LABELS
    assert editor.preset.value == "Prisoner's Dilemma"
    assert editor.sentence.startswith("Prisoner's Dilemma")
    assert html.escape(editor.sentence) in editor.summary.value
    assert editor.error.value == ""
    assert editor.png.startswith(PNG_SIGNATURE)
    assert editor.plot.title.get_text() == "Prisoner's Dilemma"
    assert "Family" in editor.details.value


def test_changing_a_control_updates_everything(editor):
    image, sentence = editor.png, editor.sentence
    texts = dict(editor.plot.row_texts)
    # Make Row's payoff at (Abstain, Abstain) 5: now R = 5 > T = 4 for Row only.
    control_map(editor)["row", 0, 0].value = 5
    assert editor.game.A.tolist() == [[5, 1], [4, 2]]
    assert editor.game.B.tolist() == [[3, 4], [1, 2]]
    assert editor.plot.row_texts[0, 0].get_text() == "5"
    assert all(editor.plot.row_texts[k] is texts[k] for k in texts)   # updated in place
    assert editor.png != image
    assert editor.png.startswith(PNG_SIGNATURE)
    assert editor.sentence != sentence
    assert editor.preset.value == "Custom"
    # Row: Abstain now best against Abstain (5 > 4), Ally against Ally: no dominant
    # strategy; Column still has Ally dominant: asymmetric dominance.
    assert editor.plot.title.get_text() == "Asymmetric dominance"
    assert editor.sentence.startswith("Asymmetric dominance")


def test_every_control_edits_its_own_cell(editor):
    for (player, i, j), control in control_map(editor).items():
        before = figure_numbers(editor)
        control.value = 7.5
        matrix = editor.game.A if player == "row" else editor.game.B
        assert matrix[i, j] == 7.5
        after = figure_numbers(editor)
        changed = {cell for cell in after if after[cell] != before[cell]}
        assert changed <= {(i, j)}
        shown = after[i, j][0 if player == "row" else 1]
        assert shown == "7.5"


@pytest.mark.parametrize("preset, T, R, P, S", [
    ("Stag Hunt", 3, 4, 2, 1), ("Chicken", 4, 3, 1, 2), ("Deadlock", 4, 2, 3, 1),
    ("Harmony", 3, 4, 1, 2), ("Prisoner's Dilemma", 4, 3, 2, 1)])
def test_preset_sets_all_eight_payoffs_and_the_family(preset, T, R, P, S):
    editor = PayoffEditor(game=Game([[0, 0], [0, 0]], [[0, 0], [0, 0]],
                                    row_labels=LABELS, col_labels=LABELS))
    editor.preset.value = preset
    assert shown_payoffs(editor) == ([[R, S], [T, P]], [[R, T], [S, P]])
    assert editor.game.A.tolist() == [[R, S], [T, P]]
    assert editor.game.B.tolist() == [[R, T], [S, P]]
    assert editor.plot.title.get_text() == preset
    assert editor.sentence.startswith(preset + ":")
    assert editor.preset.value == preset
    assert editor.game.row_labels == LABELS                 # labels kept


def test_typing_a_preset_by_hand_selects_it(editor):
    controls = control_map(editor)
    # Turn the prisoner's dilemma (4, 3, 2, 1) into chicken (4, 3, 1, 2): swap P and S.
    for key, value in {("row", 0, 1): 2, ("column", 1, 0): 2, ("row", 1, 1): 1,
                       ("column", 1, 1): 1}.items():
        controls[key].value = value
    assert editor.preset.value == "Chicken"
    assert editor.plot.title.get_text() == "Chicken"


def test_reset_restores_the_starting_game(editor):
    start = (shown_payoffs(editor), editor.sentence, editor.png)
    editor.preset.value = "Stag Hunt"
    control_map(editor)["column", 1, 0].value = -3
    assert editor.sentence != start[1]
    editor.reset.click()
    assert (shown_payoffs(editor), editor.sentence, editor.png) == start
    assert editor.game == PayoffEditor().game
    assert editor.preset.value == "Prisoner's Dilemma"


def test_error_in_the_callback_is_shown_not_raised(editor, monkeypatch):
    sentence, game = editor.sentence, editor.game

    def broken(*_, **__):
        raise ValueError("the classifier is broken <here>")

    monkeypatch.setattr(editor_module(), "classify", broken)
    control_map(editor)["row", 0, 0].value = 6        # must not raise
    assert "Cannot update" in editor.error.value
    assert "the classifier is broken &lt;here&gt;" in editor.error.value   # escaped
    assert "role='alert'" in editor.error.value
    assert editor.sentence == sentence and editor.game == game
    monkeypatch.undo()
    control_map(editor)["row", 0, 0].value = 5
    assert editor.error.value == ""
    assert editor.game.A[0, 0] == 5


def test_unexpected_error_is_shown_too(editor, monkeypatch):
    def broken(*_, **__):
        raise RuntimeError("boom")

    monkeypatch.setattr(editor_module(), "summarise", broken)
    control_map(editor)["row", 0, 0].value = 6
    assert "Unexpected error" in editor.error.value and "RuntimeError" in editor.error.value
    assert "boom" in editor.error.value


def test_mimebundle_has_a_static_view(editor):
    bundle = editor._repr_mimebundle_()
    assert bundle["text/plain"] == editor.sentence
    assert bundle["text/plain"].startswith("Prisoner's Dilemma: ")
    png = base64.b64decode(bundle["image/png"])
    assert png.startswith(PNG_SIGNATURE) and png == editor.png
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_out_of_range_payoffs_are_refused_not_clamped(editor):
    """Issue 18: a value outside the range is never changed silently into the bound."""
    control = control_map(editor)["row", 0, 0]
    with pytest.raises(traitlets.TraitError, match=r"must lie in \[-10, 10\]"):
        control.value = 100
    assert control.value == 3 and editor.game.A[0, 0] == 3
    control.text.value = "100"                     # typed by a student
    assert control.value == 3 and editor.game.A[0, 0] == 3
    assert "outside the range" in control.message.value and "kept 3" in control.message.value
    assert control.text.value == "3"
    narrow = PayoffEditor(minimum=0, maximum=5)
    field = narrow.payoff_controls[0]
    field.text.value = "9"
    assert field.value == 3 and "from 0 to 5" in field.message.value
    assert (field.min, field.max) == (0, 5)


#: What a student may type, and what the field must then hold (None: refused, value kept).
HOSTILE = [("2,5", 2.5), ("2.5", 2.5), (" -1,5 ", -1.5), ("\u22122", -2.0), ("abc", None),
           ("", None), ("1e999", None), ("-1e999", None), ("nan", None), ("inf", None),
           ("-1e6", None), ("11", None), ("1,2,3", None), ("1.000,5", None), ("10", 10.0),
           ("-10", -10.0)]


@pytest.mark.parametrize(("typed", "expected"), HOSTILE)
def test_a_typed_payoff_is_taken_as_meant_or_refused_visibly(editor, typed, expected):
    control = control_map(editor)["row", 1, 0]           # T = 4
    before = editor.game.A.tolist()
    control.text.value = typed
    if expected is None:
        assert control.value == 4 and editor.game.A.tolist() == before
        assert control.text.value == "4"
        assert "role='alert'" in control.message.value and "kept 4" in control.message.value
    else:
        assert control.value == expected and editor.game.A[1, 0] == expected
        assert control.message.value == ""
    # A later valid entry clears the message.
    control.text.value = "0"
    assert control.value == 0 and control.message.value == ""


def test_on_change_receives_the_new_game():
    seen = []
    editor = PayoffEditor(on_change=seen.append)
    control_map(editor)["column", 1, 1].value = 3
    assert isinstance(seen[-1], Game)
    assert seen[-1].B[1, 1] == 3 and seen[-1] == editor.game


def test_custom_labels_and_names():
    editor = PayoffEditor(preset="Stag Hunt", labels=("Stag", "Hare"), row_name="Ann",
                          col_name="Bob")
    assert editor.game.pure_equilibria() == [("Stag", "Stag"), ("Hare", "Hare")]
    assert {(p, i, j) for p, i, j in control_map(editor)} == {
        (p, i, j) for p in ("row", "column") for i in range(2) for j in range(2)}


def test_set_game_shows_another_game(editor):
    editor.set_game(symmetric_game(3, 4, 2, 1, labels=LABELS))
    assert shown_payoffs(editor) == ([[4, 1], [3, 2]], [[4, 3], [1, 2]])
    assert editor.preset.value == "Stag Hunt"


def test_set_game_rejects_payoffs_outside_the_controls_range(editor):
    # The controls cannot show 40; silently clamping would show another game.
    with pytest.raises(ValueError, match="game"):
        editor.set_game(symmetric_game(40, 30, 20, 10))
    assert editor.game.A.tolist() == [[3, 1], [4, 2]]


@pytest.mark.parametrize("kwargs, error, name", [
    ({"preset": "Snowdrift"}, ValueError, "preset"),
    ({"game": Game(np.zeros((3, 3)), np.zeros((3, 3)))}, ValueError, "game"),
    ({"game": Game([[0, 0], [0, 0]], [[0, 0], [0, 0]]), "minimum": 1}, ValueError, "game"),
    ({"game": symmetric_game(40, 30, 20, 10)}, ValueError, "game"),
    ({"game": [[1, 2], [3, 4]]}, TypeError, "game"),
    ({"minimum": 5, "maximum": 5}, ValueError, "minimum"),
    ({"on_change": "print"}, TypeError, "on_change"),
    ({"labels": ("Ally", "Ally")}, ValueError, "labels"),
    ({"minimum": "low"}, TypeError, "minimum"),
    ({"maximum": float("nan")}, ValueError, "maximum"),
    ({"step": 0}, ValueError, "step"),
    ({"step": -1}, ValueError, "step"),
])
def test_constructor_rejects_bad_input(kwargs, error, name):
    with pytest.raises(error, match=name):
        PayoffEditor(**kwargs)


# ------------------------------------------------------------ every widget's first view
def _all_widget_classes() -> list[type]:
    import importlib
    import pkgutil

    from alliances import widgets as package

    for info in pkgutil.walk_packages(package.__path__, "alliances.widgets."):
        importlib.import_module(info.name)
    found, todo = set(), [LiveFigure]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__name__ in getattr(sys.modules[sub.__module__], "__all__", ()):
                found.add(sub)
    return sorted(found, key=lambda c: c.__name__)


WIDGET_CLASSES = _all_widget_classes()


def _first_view_controls(root: widgets.Widget, widget: LiveFigure) -> list[widgets.Widget]:
    """Sliders, number fields (not a slider's read-out) and dropdowns (not the preset
    menu) that a reader sees before opening *Advanced settings*."""
    from alliances.widgets.fields import NumberField

    if root is widget.advanced or getattr(root, "layout", None) is not None and \
            root.layout.display == "none":
        return []
    if isinstance(root, NumberField):
        return [] if "alliances-readout-field" in root._dom_classes else [root]
    if isinstance(root, (widgets.FloatSlider, widgets.IntSlider)):
        return [root]
    if isinstance(root, widgets.Dropdown):
        return [] if root is widget.preset else [root]
    if isinstance(root, widgets.Box):
        return [c for child in root.children for c in _first_view_controls(child, widget)]
    return []


@pytest.mark.slow  # a sweep over every widget: not in the quick subset
@pytest.mark.parametrize("cls", WIDGET_CLASSES, ids=lambda c: c.__name__)
def test_at_most_four_sliders_on_the_first_view(cls):
    """Issue 15, section 2: at most four sliders (or dropdowns) before *Advanced settings*.
    The payoff editors' matrix of number fields is the game itself, one control per
    payoff, and is counted apart (it is the whole widget, not a row of parameters)."""
    from alliances.widgets.fields import NumberField

    widget = cls()
    shown = _first_view_controls(widget.control_column, widget)
    sliders = [c for c in shown if not isinstance(c, NumberField)]
    assert len(sliders) <= 4, f"{cls.__name__}: {len(sliders)} on the first view: " \
                              f"{[c.description for c in sliders]}"
    if isinstance(widget, BurdenSharingExplorer):
        assert widget.advanced_toggle.layout.display == "none"    # two allies: nothing more
        widget.allies.value = 4
        assert widget.advanced_toggle.layout.display == ""
    if widget.advanced is not None:
        toggle = widget.advanced_toggle
        assert widget.advanced.layout.display == "none"
        hidden = [c for c in widget.advanced.children if c.layout.display != "none"]
        assert hidden, f"{cls.__name__}: an Advanced toggle with nothing behind it"
        toggle.value = True
        assert widget.advanced.layout.display == ""
        toggle.value = False
        assert widget.advanced.layout.display == "none"


#: The widgets whose figure is two side-by-side panels, shown as one image each (issue
#: 18: on a narrow screen they wrap instead of shrinking the text below 9 px).
TWO_PANEL_WIDGETS = {"BurdenSharingExplorer", "JervisWidget", "DependenceExplorer",
                     "CalibrationExplorer", "CaveatExplorer", "SmallStateExplorer"}
_IMG = (r'<img class="alliances-figure-img" src="data:image/png;base64,([A-Za-z0-9+/=]+)" '
        r'width="(\d+)" height="(\d+)" alt="([^"]*)" ')


def _pixels(png: bytes) -> np.ndarray:
    import io

    import PIL.Image

    return np.asarray(PIL.Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.mark.slow  # a sweep over every widget: not in the quick subset
@pytest.mark.parametrize("cls", WIDGET_CLASSES, ids=lambda c: c.__name__)
def test_the_figure_is_an_img_at_its_drawn_size_with_alt_text(cls):
    from alliances.widgets.base import png_size

    widget = cls()
    tag = widget.image.value
    # Nothing may stretch it: the widget's own layout never sets a width on the image.
    assert widget.image.layout.width is None
    if cls.__name__ not in TWO_PANEL_WIDGETS:
        width, height = png_size(widget.png)
        match = re.fullmatch(_IMG + r'style="max-width:100%;height:auto;display:block"'
                             r'(?: data-min-text-px="[\d.]+")?>', tag)
        assert match, tag[:200]
        assert base64.b64decode(match[1]) == widget.png
        assert (int(match[2]), int(match[3])) == (width, height)
        assert html.unescape(match[4]) == widget.sentence and widget.sentence
        return
    match = re.fullmatch(r'<div class="alliances-figure-panels" style="display:flex;'
                         r'flex-wrap:wrap;align-items:flex-start;max-width:100%">(.*)</div>',
                         tag)
    assert match, tag[:200]
    images = re.findall(_IMG + r'style="flex:(\d+) 1 (\d+)px;min-width:0;max-width:(\d+)px;'
                        r'height:auto;aspect-ratio:(\d+)/(\d+);display:block"'
                        r' data-min-text-px="[\d.]+">', match[1])
    assert len(images) == 2 == match[1].count("<img"), match[1][:300]
    pngs = [base64.b64decode(image[0]) for image in images]
    for png, (_, w, h, _alt, grow, basis, most, aw, ah) in zip(pngs, images):
        assert png_size(png) == (int(w), int(h)) == (int(most), int(h)) == (int(aw), int(ah))
        assert grow == basis and int(basis) <= int(w)
    # the panels side by side are the whole figure, pixel for pixel
    left, right = (_pixels(png) for png in pngs)
    height = max(left.shape[0], right.shape[0])
    joined = np.hstack([np.pad(p, ((0, height - p.shape[0]), (0, 0), (0, 0)),
                               constant_values=255) for p in (left, right)])
    assert np.array_equal(joined, _pixels(widget.png))
    first, second = (html.unescape(image[3]) for image in images)
    assert first.startswith(widget.sentence + " (Panel 1 of 2") and widget.sentence
    assert second.startswith("Panel 2 of 2: ") and len(second) > len("Panel 2 of 2: ") + 3


@pytest.mark.slow  # a sweep over every widget: not in the quick subset
@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("cls", WIDGET_CLASSES, ids=lambda c: c.__name__)
def test_every_text_of_a_figure_is_whole_and_apart_in_both_languages(cls, language):
    """Issue 18, item 3, in English and in Indonesian (whose labels are longer):

    * no two texts of a figure overlap (labels, legends, annotations);
    * no text runs off the figure (seen in the browser: legend entries of the
      reassure-or-deter and discount widgets cut at the figure's right edge in Indonesian);
    * a two-panel figure stays two panels, so that it can be cut between them on a narrow
      screen (a title or a legend running across the gap would leave no column to cut at).
    """
    from alliances.i18n import language as speaking

    with speaking(language):
        widget = cls()
        found = []
        if cls.__name__ in TWO_PANEL_WIDGETS and len(widget.panels) != 2:
            found.append(f"{len(widget.panels)} panel(s), not 2")
        for figure in widget.figures():
            figure.canvas.draw()
            shown = shown_texts(figure)
            found += [f"{text!r} runs off the figure"
                      for text in texts_off_the_figure(figure, shown)]
            found += [f"overlapping texts: {pair}"
                      for pair in overlapping_texts(figure, shown)]
    assert not found, f"{cls.__name__} ({language}):\n" + "\n".join(found)


def test_a_preset_survives_float_noise_from_the_browser() -> None:
    """A value that went through a browser slider can come back as 0.10000000000000002: the
    widget still names the preset (seen in the browser with the reassure-or-deter explorer)."""
    from alliances.widgets.reassurance import PRESETS, ReassuranceExplorer

    name, (q, e, s, a) = next(iter(PRESETS.items()))
    widget = ReassuranceExplorer(q=0.3)
    with widget.hold():
        widget.sliders["q"].value = q + 2e-17 if q + 2e-17 != q else q + 1e-12
        widget.sliders["exploitation_cost"].value = e
        widget.sliders["spiral_cost"].value = s
        widget.sliders["arming_cost"].value = a
    assert widget.sliders["q"].value != q
    assert widget.preset.value == name
    with widget.hold():
        widget.sliders["q"].value = q + 0.01
    assert widget.preset.value == "Custom"


def test_image_html_sizes_the_img_for_the_pixel_ratio_and_escapes_the_alt_text():
    from alliances.views.style import figure_png, new_axes
    from alliances.widgets.base import image_html

    png = figure_png(new_axes(pyplot=False).figure)            # 500 x 400 pixels
    tag = image_html(png, 'Deter "now" & <then>', 2, min_text_px=9.5)
    assert 'width="250" height="200"' in tag
    assert 'alt="Deter &quot;now&quot; &amp; &lt;then&gt;"' in tag
    assert tag.endswith(' data-min-text-px="9.50">')
    assert "data-min-text-px" not in image_html(png, "plain")
