"""Browser test: every course widget, as a student sees it, at 1280x800 and 1024x768.

For each course notebook: open it in JupyterLab, Run All, then at each window size and
for every course widget (``.alliances-widget``, including one inside another):

* every figure ``<img>`` is shown at most 5 % larger than drawn (its ``width`` and
  ``height`` attributes are the drawn size in CSS pixels) and keeps its proportions
  (within 5 %);
* at 1280x800, the widget's controls, sentence and figure (``.alliances-main``) are at
  most 720 px tall;
* the smallest text of its figure, scaled as shown, is at least 9 px tall on screen (the
  ``data-min-text-px`` attribute is that text's height at the drawn size);
* every figure has alt text;
* no control label is cut short (ipywidgets clips a description wider than its box and
  shows an ellipsis): checked in both languages, since Indonesian labels are longer.

A screenshot of each widget at each size goes into ``tests/browser/artefacts/layout/``
(git-ignored) for a person to look at. ``test_typed_input_is_understood_or_refused``
types hostile input into a payoff field and a slider read-out of notebook 00 / 03.

Run one notebook: ``python -m pytest tests/browser/test_widget_layout.py -k 03``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .jupyterlab import set_text_by_keyboard, wait_for_kernel_quiet
from .widget_checks import layout_problems

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.name for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ARTEFACTS = Path(__file__).resolve().parent / "artefacts" / "layout"

@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_widgets_fit_the_screen(ran_notebook, notebook, tmp_path):
    page = ran_notebook(notebook, tmp_path)
    problems = layout_problems(page, Path(notebook).stem, ARTEFACTS)
    if problems is None:
        pytest.skip(f"{notebook} shows no course widget")
    assert not problems, "\n".join(problems)


#: (notebook, CSS selector of a text field inside a course widget, what it edits)
FIELDS = [
    ("00_start_here.ipynb", ".alliances-payoff-editor .alliances-payoff input", "a payoff"),
    ("03_secondary_dilemma.ipynb", ".alliances-commitment .alliances-readout input",
     "a slider read-out"),
]


@pytest.mark.parametrize(("notebook", "selector", "what"), FIELDS,
                         ids=[f[0][:2] for f in FIELDS])
def test_typed_input_is_understood_or_refused(ran_notebook, notebook, selector, what,
                                              tmp_path):
    """Issue 18: "abc", "1e999", "" and out-of-range input leave the value and show a
    message; "2,5"-style input is taken with its decimal comma. (On the notebook's shared
    Run All, after its keyboard tests.)"""
    from playwright.sync_api import expect

    page = ran_notebook(notebook, tmp_path)
    field = page.locator(selector).first
    holder = field.locator("xpath=ancestor::*[contains(@class,'alliances-number-field')][1]")
    message = holder.locator(".alliances-field-message")
    before = field.input_value()
    for typed in ("abc", "1e999", "", "-1e6"):
        set_text_by_keyboard(page, field, typed)
        wait_for_kernel_quiet(page, quiet=0.3)
        expect(message, f"no message after typing {typed!r} into {what}").to_contain_text(
            f"kept {before}", timeout=5_000)
        expect(field).to_have_value(before)
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        holder.screenshot(path=str(ARTEFACTS / f"typed_{notebook[:2]}_{len(typed)}.png"))
    set_text_by_keyboard(page, field, "0,5")
    wait_for_kernel_quiet(page, quiet=0.3)
    expect(field, f"'0,5' typed into {what} was not taken as 0.5").to_have_value("0.5",
                                                                              timeout=5_000)
    expect(message).to_be_empty()


def test_a_saved_notebook_reopens_with_its_figures(ran_notebook, jupyterlab_server, tmp_path):
    """Issue 18: run, save, close (kernel shut down), reopen: every widget shows its
    figure from the widget state saved in the notebook (binder/overrides.json turns on
    ipywidgets' saveState), and no "Error displaying widget". (The last test on notebook
    03's shared Run All: it closes the kernel.)"""
    import json

    from playwright.sync_api import expect

    from .jupyterlab import WIDGET_RENDER_ERROR, open_notebook, wait_for_widgets

    server, notebook = jupyterlab_server, "03_secondary_dilemma.ipynb"
    page = ran_notebook(notebook, tmp_path)
    shown = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) img.alliances-figure-img")
    count = shown.count()
    assert count >= 3
    # File > Save's command (what Ctrl+S runs): a key press is lost when an earlier test on
    # this page left the focus outside the notebook (the layout check, run just before)
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    path = server.root_dir / notebook
    state: dict = {}
    for _ in range(100):
        try:
            state = json.loads(path.read_text()).get("metadata", {}).get("widgets", {})
        except json.JSONDecodeError:    # read while the server was writing it: read again
            state = {}
        if state:
            break
        page.wait_for_timeout(200)
    assert state, "saving did not store the widget state (saveState not on?)"
    server.reset()                           # closes the session: the kernel is gone
    page.goto("about:blank")
    open_notebook(page, server, notebook)
    wait_for_widgets(page)
    outputs = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output")
    expect(outputs.filter(has_text=WIDGET_RENDER_ERROR)).to_have_count(0)
    expect(shown).to_have_count(count, timeout=15_000)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.locator(".alliances-widget").first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTEFACTS / "reopened_03.png"))
