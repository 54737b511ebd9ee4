"""Browser test of the Indonesian edition (notebooks/id/): every notebook runs clean in
JupyterLab, every widget answers the keyboard, and the widgets speak Indonesian.

For each notebook: Run All Cells with no error (as the English tests check), and every
code cell's outputs are the stored ones by nbval's rules (test_stored_outputs.py); then, for
every widget on the page that has a slider (the outermost ``.alliances-widget`` roots), one
arrow key on its first slider must change its summary and its figure with no error shown;
every control label that the library's catalog translates must be shown in Indonesian
(an English label with a translation is a failure), and each widget must show at least one
translated label. The payoff editor of notebook 00 has no slider: a payoff typed with a
decimal comma ("4,5", which turns its prisoner's dilemma into another game) must be taken
as 4.5. On the same run, every widget is measured as the English ones are in
test_widget_layout.py (issue 18: drawn size, one screen at 1280x800, text of 9 px or more at
1024x768, alt text, no control label cut short): Indonesian labels and sentences are longer
than the English.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .jupyterlab import set_text_by_keyboard
from .test_stored_outputs import check_stored_outputs
from .widget_checks import (act_and_check, layout_problems, move_slider, own_parts,
                            screenshot_on_failure)

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tools"))
import i18n as tool  # noqa: E402  (tools/i18n.py)

NOTEBOOKS = [f"id/{p.name}" for p in tool.english_notebooks()]
ARTEFACTS = Path(__file__).resolve().parent / "artefacts" / "layout"
OUTERMOST = ".alliances-widget:not(.alliances-widget .alliances-widget)"
LABELS = ".alliances-control .widget-label, .alliances-control label, .alliances-readout label"


def _library_translations() -> dict[str, str]:
    """English label -> Indonesian, from the library's catalogs (the differing ones)."""
    found: dict[str, str] = {}
    for room in tool.ROOMS:
        found.update(tool.translations(f"alliances-{room}"))
    return {english: indonesian for english, indonesian in found.items() if english != indonesian}


def _labels(root) -> list[str]:
    texts = [t.strip() for t in root.locator(LABELS).all_inner_texts()]
    return [t for t in texts if t]


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_indonesian_notebook_runs_and_its_widgets_answer_in_indonesian(
        ran_notebook, jupyterlab_server, tmp_path, notebook):
    # One JupyterLab for the eight notebooks, each opened after the last is closed.
    page, server = ran_notebook(notebook, tmp_path), jupyterlab_server
    # nbval's check, on this Run All (nbval's own items are then deselected).
    check_stored_outputs(ran_notebook, notebook, tmp_path)
    layout = layout_problems(page, "id_" + Path(notebook).stem, ARTEFACTS)
    assert layout is not None, f"{notebook}: no widget after Run All"
    assert not layout, f"{notebook}:\n" + "\n".join(layout)
    translations = _library_translations()
    indonesian = set(translations.values())
    roots = page.locator(OUTERMOST)
    assert roots.count() >= 1, f"{notebook}: no widget after Run All"
    moved = 0
    for index in range(roots.count()):
        root = roots.nth(index)
        root.scroll_into_view_if_needed()
        labels = _labels(root)
        with screenshot_on_failure(page, tmp_path, f"labels_{index}", show=root):
            english = [label for label in labels if label in translations]
            assert not english, f"{notebook}, widget {index}: English labels {english}"
            assert any(label in indonesian for label in labels), (
                f"{notebook}, widget {index}: no Indonesian label among {labels}")
        slider = root.locator(".alliances-control.widget-slider").first
        if slider.count() and slider.is_visible():
            label = slider.locator(".widget-label").first.inner_text().strip()
            move_slider(page, server, root, slider, label=label, mention="",
                        screenshot_dir=tmp_path)
            moved += 1
        elif root.locator(".alliances-payoff input").count():
            field = root.locator(".alliances-payoff input").first
            act_and_check(page, server, root,
                          lambda field=field: set_text_by_keyboard(page, field, "4,5"),
                          what="typing 4,5", mention=None, screenshot_dir=tmp_path)
            assert float(field.input_value().replace(",", ".")) == 4.5
            moved += 1
        summary = own_parts(root)[0]
        assert summary.inner_text().strip(), f"{notebook}, widget {index}: no summary"
    assert moved >= 1, f"{notebook}: no widget could be moved"
