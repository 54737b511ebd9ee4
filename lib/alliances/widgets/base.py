"""The base of every widget: controls, a sentence, a figure image and an error line.

The model is always a library function that can be tested without any widget. Each widget
creates its figure once, outside pyplot, and on every change updates the figure's artists,
renders it to PNG and puts the bytes into an :class:`ipywidgets.Image`: this updates in
place, needs no ipympl (fragile on Colab) and does not flicker.

Every widget also carries a *static first view*: its display bundle holds, beside the live
widget, a PNG of the first figure and a one-sentence text summary. JupyterLab shows the
live widget; GitHub, nbviewer and screen readers get the picture and the sentence.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from itertools import pairwise

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.text import Text

from alliances.views.style import figure_pixels
from alliances._validation import check_real
from alliances.i18n import _, N_
from alliances.widgets.render import LayeredRenderer, encode_png
from alliances.widgets.fields import with_readout
from alliances.widgets.panels import (first_title, join_columns, panel_cuts, panels_html,
                                       split_columns)

__all__ = ["LiveFigure", "CUSTOM", "image_html", "png_size"]

#: The preset dropdown's entry for values that match no preset.
CUSTOM = N_("Custom")
#: How close slider values must be to a preset's to be named by it.
_PRESET_TOLERANCE = 1e-9

#: Colour of the error message: a darker vermillion than the palette's (#D55E00 has a
#: contrast of 3.9:1 on white, below WCAG AA's 4.5:1 for text; this one has 5.5:1).
_ERROR_TEXT_COLOUR = "#B34700"


def _close(value: object, preset: object) -> bool:
    """Whether a control's value is a preset's: numbers up to the tolerance, others equal."""
    if isinstance(value, (int, float)) and isinstance(preset, (int, float)):
        return abs(float(value) - float(preset)) <= _PRESET_TOLERANCE
    return value == preset


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels of a PNG, read from its header.

    Examples
    --------
    >>> from alliances.views.style import figure_png, new_axes
    >>> png_size(figure_png(new_axes(pyplot=False).figure))  # 5 x 4 inches at 100 dpi
    (500, 400)
    """
    if not isinstance(png, (bytes, bytearray)) or png[:8] != b"\x89PNG\r\n\x1a\n":
        raise TypeError(f"png must be PNG bytes; got {type(png).__name__}")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def image_html(png: bytes, alt: str, pixel_ratio: float = 1, *,
               min_text_px: float | None = None) -> str:
    """An ``<img>`` of ``png`` shown at most at the size it was drawn for, with ``alt``.

    The width and height attributes are the drawn size in CSS pixels (the PNG's pixels
    divided by ``pixel_ratio``); ``max-width: 100%`` and ``height: auto`` let a narrow
    screen scale it down with its proportions kept, and nothing scales it up.
    ``min_text_px``, the height of the figure's smallest text at the drawn size, goes into
    a ``data-min-text-px`` attribute (the browser tests check it on screen).

    Examples
    --------
    >>> from alliances.views.style import figure_png, new_axes
    >>> tag = image_html(figure_png(new_axes(pyplot=False).figure), "A <plot>")
    >>> tag[:4], 'width="500"' in tag, 'alt="A &lt;plot&gt;"' in tag
    ('<img', True, True)
    """
    width, height = png_size(png)
    if not isinstance(alt, str):
        raise TypeError(f"alt must be a string; got {type(alt).__name__}")
    pixel_ratio = check_real(pixel_ratio, "pixel_ratio", minimum=0, allow_equal_min=False)
    if min_text_px is not None:
        min_text_px = check_real(min_text_px, "min_text_px", minimum=0)
    data = base64.b64encode(png).decode("ascii")
    return (f'<img class="alliances-figure-img" src="data:image/png;base64,{data}" '
            f'width="{round(width / pixel_ratio)}" height="{round(height / pixel_ratio)}" '
            f'alt="{html.escape(alt)}" style="max-width:100%;height:auto;display:block"'
            + (f' data-min-text-px="{min_text_px:.2f}"' if min_text_px else "") + ">")


class LiveFigure(widgets.VBox):
    """Base class: controls, a one-sentence summary, a figure image and an error line.

    Subclasses build their controls and figure, then call :meth:`_finish` once. Each
    control is observed by :meth:`_changed`, which calls :meth:`refresh`: that runs
    :meth:`_update` (update the artists and return the summary sentence) and shows any
    error as readable text. Code that sets several controls does it inside
    :meth:`hold`, so that the widget updates once, at the end.

    A widget with presets builds its dropdown and reset button with :meth:`_preset_bar`
    (presets as values of named controls) and implements :meth:`_preset_controls`; the
    dropdown then always names the preset the controls match, or "Custom".

    Examples
    --------
    >>> from alliances import PayoffEditor
    >>> editor = PayoffEditor()
    >>> isinstance(editor, LiveFigure), bool(editor.figure.get_figwidth() > 0)
    (True, True)
    """

    figure: Figure
    #: Pixels of the figure's PNG per CSS pixel on screen (2: drawn for high-DPI screens).
    PIXEL_RATIO = 1
    #: Whether the figure's side-by-side panels are shown as images of their own, in a row
    #: that wraps on a narrow screen (see :mod:`alliances.widgets.panels`).
    SPLIT_PANELS = False
    #: The layered renderer of ``figure``, if the widget has one (see _render_pixels).
    _renderer: LayeredRenderer | None = None
    _cuts: list[int] | None = None
    _held = 0
    preset: widgets.Dropdown | None = None

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Set several controls together: one update when the block ends, not one each.

        Examples
        --------
        >>> from alliances.widgets.formation import JoinOrStayOut
        >>> widget = JoinOrStayOut()
        >>> with widget.hold():
        ...     widget.sliders["threat"].value = 0.1
        ...     widget.decision.decision            # not updated yet
        'join'
        >>> widget.decision.decision
        'stay out'
        """
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
        if not self._held:
            self.refresh()

    def _changed(self, *_args: object) -> None:
        """Observe every control with this: it updates, except inside :meth:`hold`."""
        if not self._held:
            self.refresh()

    # ------------------------------------------------------------------ presets
    def _preset_bar(self, presets: Mapping[str, Mapping[str, float]], *,
                    description: str | None = None, width: str = "380px",
                    label_width: str = "initial",
                    tooltip: str | None = None
                    ) -> widgets.HBox:
        """The preset dropdown (``self.preset``) and the reset button (``self.reset``).

        ``presets`` maps each name to the values it gives to named controls (keys of
        :meth:`_preset_controls`); a preset may leave some controls as they are. Picking a
        name sets those controls in one update; Reset sets every control of
        :meth:`_preset_controls` back to its value when the widget was finished; and the
        dropdown always names the preset the controls match, or "Custom".

        The dropdown's values are the presets' names as given (identifiers that code and
        tests use); what it shows is their translation. ``description`` defaults to
        "Preset" and ``tooltip`` to "Back to the values this widget started with", both
        translated; a caller's own are translated by the caller.
        """
        if description is None:
            description = _("Preset")
        if tooltip is None:
            tooltip = _("Back to the values this widget started with")
        self._presets = {name: dict(values) for name, values in presets.items()}
        self.preset = widgets.Dropdown(options=[(_(name), name)
                                                for name in [*self._presets, CUSTOM]],
                                       value=CUSTOM,
                                       description=description,
                                       style={"description_width": label_width},
                                       layout=widgets.Layout(width=width))
        self.reset = widgets.Button(description=_("Reset"), icon="undo", tooltip=tooltip)
        for control, css in ((self.preset, "alliances-preset"),
                             (self.reset, "alliances-reset")):
            control.add_class("alliances-control")
            control.add_class(css)
        self.preset.observe(self._preset_picked, names="value")
        self.reset.on_click(lambda _button: self._set_controls(self._start_values))
        # wraps on a narrow screen rather than cut the buttons' text short
        return widgets.HBox([self.preset, self.reset],
                            layout=widgets.Layout(flex_flow="row wrap"))

    def _preset_controls(self) -> dict[str, widgets.ValueWidget]:  # pragma: no cover
        """The controls that presets and Reset set, by the names the presets use."""
        raise NotImplementedError

    def _set_controls(self, values: Mapping[str, object]) -> None:
        """Set the named controls to ``values``, in one update."""
        controls = self._preset_controls()
        with self.hold():
            for name, value in values.items():
                controls[name].value = value

    def _preset_picked(self, change: dict) -> None:
        if not self._held and change["new"] != CUSTOM:
            self._set_controls(self._presets[change["new"]])

    def _matching_preset(self) -> str:
        """The name of the first preset the controls show, or :data:`CUSTOM`.

        Values are compared up to :data:`_PRESET_TOLERANCE`: a value that went through a
        browser slider can carry float noise (0.1 back as 0.10000000000000002), which must
        not turn a preset into "Custom".
        """
        controls = self._preset_controls()
        for name, values in self._presets.items():
            if all(_close(controls[key].value, value) for key, value in values.items()):
                return name
        return CUSTOM

    def _show_preset(self) -> None:
        """Name the preset that the controls match (or "Custom"), without applying it."""
        if self.preset is None:
            return
        name = self._matching_preset()
        if self.preset.value != name:
            self._held += 1
            try:
                self.preset.value = name
            finally:
                self._held -= 1

    def _finish(self, controls: list[widgets.Widget], css_class: str,
                advanced: list[widgets.Widget] = ()) -> None:
        """Lay the widget out; call once, at the end of ``__init__``.

        ``controls`` are the first view (at most four sliders or number fields besides the
        preset bar, by the course's rule); ``advanced`` are shown only after the reader
        presses the *Advanced settings* toggle (a button: Tab to it, Space or Enter). Every
        slider gets a :func:`~alliances.widgets.fields.with_readout` read-out. Controls
        sit in a column beside the figure where the width allows, above it where not.
        """
        self._rows: dict[int, widgets.Widget] = {}
        first = [self._row(c) for c in controls]
        column = [*first]
        self.advanced_toggle = None
        self.advanced = None
        if advanced:
            self.advanced = widgets.VBox([self._row(c) for c in advanced],
                                         layout=widgets.Layout(display="none"))
            self.advanced.add_class("alliances-advanced")
            self.advanced_toggle = widgets.ToggleButton(
                value=False, description=_("Advanced settings"), icon="sliders",
                tooltip=_("Show or hide {n} more controls").format(n=len(advanced)),
                layout=widgets.Layout(width="auto", flex="0 0 auto"))   # never squeezed
            self.advanced_toggle.add_class("alliances-control")
            self.advanced_toggle.add_class("alliances-advanced-toggle")
            self.advanced_toggle.observe(self._toggle_advanced, names="value")
            bar = first[0] if first else None
            if self.preset is not None and isinstance(bar, widgets.HBox) and \
                    self.preset in bar.children:      # beside the preset menu and reset
                bar.children = [*bar.children, self.advanced_toggle]
                column += [self.advanced]
            else:
                column += [self.advanced_toggle, self.advanced]
        self.summary = widgets.HTML(layout=widgets.Layout(min_height="2.5em"))
        self.summary.add_class("alliances-summary")
        self.error = widgets.HTML()
        self.error.add_class("alliances-error")
        self.image = widgets.HTML(layout=widgets.Layout(max_width="100%"))
        self.image.add_class("alliances-figure")
        self.details = widgets.HTML()
        self.details.add_class("alliances-details")
        self.control_column = widgets.VBox([*column, self.error], layout=widgets.Layout(
            flex="0 1 auto", max_width="100%"))
        self.control_column.add_class("alliances-controls")
        # The figure column is never narrower than the figure (see _fit_figure_column):
        # where the figure does not fit beside the controls, it goes below them at its
        # drawn size instead of shrinking.
        self.figure_column = widgets.VBox([self.summary, self.image], layout=widgets.Layout(
            flex="1 1 0%", max_width="100%"))
        self.figure_column.add_class("alliances-figure-column")
        top = widgets.Box([self.control_column, self.figure_column], layout=widgets.Layout(
            display="flex", flex_flow="row wrap", align_items="flex-start", grid_gap="4px 16px",
            width="100%"))
        top.add_class("alliances-main")
        self.children = [top, self.details]
        self.add_class(css_class)
        self.add_class("alliances-widget")
        self.sentence = ""
        self.panels: list[np.ndarray] = []
        self._png: bytes | None = b""
        if self.preset is not None:       # what Reset goes back to
            self._start_values = {name: control.value
                                  for name, control in self._preset_controls().items()}
        self.refresh()

    def _row(self, control: widgets.Widget) -> widgets.Widget:
        """A slider with its checked read-out (see :func:`with_readout`); others as they are."""
        if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)) and control.readout:
            row = with_readout(control)
            self._rows[id(control)] = row
            return row
        return control

    def _show_control(self, control: widgets.Widget, visible: bool) -> None:
        """Show or hide ``control`` together with its read-out."""
        row = self._rows.get(id(control))       # the row that holds its read-out, if any
        for target in (control,) if row is None else (control, row):
            target.layout.display = "" if visible else "none"
        if self.advanced is not None:     # no Advanced toggle with nothing behind it
            shown = any(c.layout.display != "none" for c in self.advanced.children)
            self.advanced_toggle.layout.display = "" if shown else "none"

    def _fit_figure_column(self) -> None:
        width = round(sum(p.shape[1] for p in self.panels) / self.PIXEL_RATIO)
        minimum = f"min({width}px, 100%)"
        if self.figure_column.layout.min_width != minimum:
            self.figure_column.layout.min_width = minimum

    def _toggle_advanced(self, change: dict) -> None:
        self.advanced.layout.display = "" if change["new"] else "none"

    def _update(self) -> tuple[str, str]:  # pragma: no cover - abstract
        """Update the artists; return (summary sentence, details HTML)."""
        raise NotImplementedError

    def refresh(self, *_args: object) -> None:
        """Recompute and redraw; an error is shown in the widget, never raised."""
        self._show_preset()
        try:
            sentence, details = self._update()
        except (ValueError, TypeError) as error:
            heading = html.escape(_("Cannot update:"))
            self.error.value = (f"<div role='alert' style='color:{_ERROR_TEXT_COLOUR}'>"
                                f"<b>{heading}</b> {html.escape(str(error))}</div>")
            return
        except Exception as error:  # noqa: BLE001 - a widget must never die silently
            heading = _("Unexpected error ({kind}):").format(kind=type(error).__name__)
            ending = _("{message}. Please report it.").format(message=str(error))
            self.error.value = (f"<div role='alert' style='color:{_ERROR_TEXT_COLOUR}'>"
                                f"<b>{html.escape(heading)}</b> {html.escape(ending)}</div>")
            return
        self.error.value = ""
        self.sentence = sentence
        self.summary.value = (f"<p role='status' aria-live='polite' style='margin:0.3em 0;"
                              f"line-height:1.4'>{html.escape(sentence)}</p>")
        self.details.value = details
        self.panels = self._render_panels()
        pngs = [encode_png(p) for p in self.panels]
        self._png = pngs[0] if len(pngs) == 1 else None     # joined when asked for
        self._fit_figure_column()
        self.image.value = panels_html(pngs, self._panel_alts(sentence), self.PIXEL_RATIO,
                                       min_text_px=self.smallest_text_px())

    @property
    def png(self) -> bytes:
        """The whole figure as PNG bytes, its panels side by side (the static first view)."""
        if self._png is None:
            self._png = encode_png(join_columns(self.panels))
        return self._png

    def figures(self) -> list[Figure]:
        """The figures this widget draws into its image (not those of a widget inside it)."""
        return [v for v in vars(self).values() if isinstance(v, Figure)]

    def smallest_text_px(self) -> float | None:
        """The font size, in CSS pixels at the drawn size, of the smallest visible text of
        the widget's figures (computed once: the figures' fonts do not change)."""
        if getattr(self, "_smallest_text_px", None) is None:
            sizes = [text.get_fontsize() * figure.dpi / 72 / self.PIXEL_RATIO
                     for figure in self.figures() for text in figure.findobj(Text)
                     if text.get_visible() and text.get_text().strip()]
            self._smallest_text_px = min(sizes) if sizes else None
        return self._smallest_text_px

    def _render_pixels(self) -> np.ndarray:
        """The figure's RGBA pixels: through ``self._renderer`` (only what changed is
        drawn) if the widget made one, else a plain drawing. Subclasses with layer keys
        override this."""
        if self._renderer is not None:
            return self._renderer.pixels()
        return figure_pixels(self.figure)

    def _render_panels(self) -> list[np.ndarray]:
        """The pixels of each image the widget shows, left to right: the figure, cut into
        its panels if :attr:`SPLIT_PANELS`. Subclasses with several figures override this."""
        pixels = self._render_pixels()
        if not self.SPLIT_PANELS:
            return [pixels]
        if self._cuts is None:        # measured once, on the first drawing: the layout is fixed
            self._cuts = panel_cuts(self.figure)
        return split_columns(pixels, self._cuts)

    def _panel_titles(self) -> list[str]:
        """What each panel shows (see :func:`~alliances.widgets.panels.first_title`)."""
        edges = [0, *(self._cuts or []), float("inf")]
        return [first_title([ax for ax in self.figure.axes
                              if a <= (ax.bbox.x0 + ax.bbox.x1) / 2 < b])
                for a, b in pairwise(edges)]

    def _panel_alts(self, sentence: str) -> list[str]:
        """The alt text of each panel's image: the sentence on the first, each panel's
        number and title on every one."""
        n = len(self.panels)
        if n == 1:
            return [sentence]
        alts = []
        for i, title in enumerate(self._panel_titles(), start=1):
            label = (_("Panel {i} of {n}: {title}").format(i=i, n=n, title=title)
                     if title else _("Panel {i} of {n}").format(i=i, n=n))
            alts.append(f"{sentence} ({label})" if i == 1 else label)
        return alts

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        data = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = self.sentence
        data["image/png"] = base64.b64encode(self.png).decode("ascii")
        return data


class ModelExplorer(LiveFigure):
    """A widget with one slider per parameter of a frozen model, and named presets.

    Subclasses set the class attributes and implement :meth:`_show` (update the plot for
    a model; return the sentence, the rows of the details table and a note). Presets are
    changes from the default model ``MODEL()``.

    Examples
    --------
    >>> from alliances import CommitmentExplorer
    >>> explorer = CommitmentExplorer()
    >>> isinstance(explorer, ModelExplorer), type(explorer.model).__name__
    (True, 'CommitmentModel')
    """

    #: The model class: a frozen dataclass with ``replace(**changes)``.
    MODEL: type
    #: The plot class: ``PLOT(model)`` draws it, ``.axes``, ``.dynamic_artists()``.
    PLOT: type
    #: One slider per parameter: (name, label, minimum, maximum, step, tooltip).
    SLIDERS: tuple[tuple[str, str, float, float, float, str], ...]
    #: Named presets: parameter changes from ``MODEL()``.
    PRESETS: dict[str, dict[str, float]]
    #: The widget's CSS class.
    CSS_CLASS: str
    #: Width of the preset dropdown.
    PRESET_WIDTH = "380px"
    #: The parameters whose sliders are on the first view (at most four); the others
    #: are behind the *Advanced settings* toggle. Default: the first four of SLIDERS.
    FIRST_VIEW: tuple[str, ...] | None = None
    #: The figure's size in inches (at its dpi), if not the plot's own: set so that the
    #: widget fits a 1280x800 screen (issue 18).
    FIGSIZE: tuple[float, float] | None = None

    def __init__(self, model: object = None) -> None:
        super().__init__()
        if model is not None and not isinstance(model, self.MODEL):
            raise TypeError(_("model must be a {expected} or None; got {given}").format(
                expected=self.MODEL.__name__, given=type(model).__name__))
        model = self.MODEL() if model is None else model
        self._check_model(model)
        self._initial = model
        self.controls: dict[str, widgets.FloatSlider] = {}
        for key, label, low, high, step, tip in self.SLIDERS:
            slider = widgets.FloatSlider(
                value=self._value(model, key), min=low, max=high, step=step,
                description=_(label), tooltip=_(tip),
                readout_format=".2f", continuous_update=True,
                style={"description_width": "230px"}, layout=widgets.Layout(width="520px"))
            slider.add_class("alliances-control")
            slider.observe(self._changed, names="value")
            self.controls[key] = slider
        presets = {name: {k: self._value(self.MODEL().replace(**changes), k)
                          for k in self.controls} for name, changes in self.PRESETS.items()}
        bar = self._preset_bar(presets, width=self.PRESET_WIDTH,
                               tooltip=_("Back to the parameters this explorer started with"))
        self.model = model
        self._build(model)
        first = self.FIRST_VIEW or tuple(key for key, *_rest in self.SLIDERS[:4])
        self._finish([bar, *(self.controls[k] for k in first)], self.CSS_CLASS,
                     advanced=[s for k, s in self.controls.items() if k not in first])

    @staticmethod
    def _value(model: object, name: str) -> float:
        """The value of the slider ``name`` for ``model``."""
        return getattr(model, name)

    def _build(self, model: object) -> None:
        """Create the plot and its figure for ``model``; axes, ticks and legends are drawn
        once and reused, only the plot's dynamic artists are drawn on each update."""
        self.plot = self.PLOT(model)
        self.figure = self.plot.axes[0].figure
        if self.FIGSIZE is not None:
            self.figure.set_size_inches(*self.FIGSIZE)
        self._adjust_plot()
        self._renderer = LayeredRenderer(self.figure, [self.plot.dynamic_artists()])

    def _adjust_plot(self) -> None:
        """Change the new plot's static parts (labels) before its layers are cached."""

    def _show(self, model: object) -> tuple[str, list[tuple[str, str]], str]:
        """Update the plot for ``model``; return the summary sentence, the rows (name,
        value) of the details table and a note under it (plain text)."""
        raise NotImplementedError  # pragma: no cover - abstract

    def _check_model(self, model: object) -> None:
        """A model of the right class whose every slider value is in its slider's range."""
        if not isinstance(model, self.MODEL):
            raise TypeError(_("model must be a {expected}; got {given}").format(
                expected=self.MODEL.__name__, given=type(model).__name__))
        for key, _label, low, high, _step, _tip in self.SLIDERS:
            value = self._value(model, key)
            if not low <= value <= high:
                raise ValueError(_("model's {name} must lie in [{low}, {high}], the range of "
                                   "its slider; got {value}").format(
                                       name=key, low=low, high=high, value=value))

    def _slider_model(self) -> object:
        values = {name: float(slider.value) for name, slider in self.controls.items()}
        return self._initial.replace(**values)

    def _preset_controls(self) -> dict[str, widgets.FloatSlider]:
        return self.controls

    def set_model(self, model: object) -> None:
        """Move every slider to ``model``'s parameters, then update once.

        The parameters without a slider keep the values the explorer started with.
        """
        self._check_model(model)
        with self.hold():
            for name, slider in self.controls.items():
                slider.value = self._value(model, name)

    def _update(self) -> tuple[str, str]:
        model = self._slider_model()
        sentence, rows, note = self._show(model)
        self.model = model
        table = "".join(f"<tr><td>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>"
                        for a, b in rows)
        return sentence, (f"<table class='alliances-table'>{table}</table><p><small>"
                          f"{html.escape(note)}</small></p>")
