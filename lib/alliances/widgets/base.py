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

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..plots import figure_png

__all__ = ["LiveFigure"]

#: Colour of the error message: a darker vermillion than the palette's (#D55E00 has a
#: contrast of 3.9:1 on white, below WCAG AA's 4.5:1 for text; this one has 5.5:1).
ERROR_TEXT_COLOUR = "#B34700"


class LiveFigure(widgets.VBox):
    """Base class: controls, a one-sentence summary, a figure image and an error line.

    Subclasses build their controls and figure, then call :meth:`_finish` once, and from
    each control callback call :meth:`refresh`, which runs :meth:`_update` (update the
    artists and return the summary sentence) and shows any error as readable text.
    """

    figure: Figure

    def _finish(self, controls: list[widgets.Widget], css_class: str) -> None:
        self.summary = widgets.HTML(layout=widgets.Layout(min_height="2.5em"))
        self.summary.add_class("alliances-summary")
        self.error = widgets.HTML()
        self.error.add_class("alliances-error")
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.image.add_class("alliances-figure")
        self.details = widgets.HTML()
        self.details.add_class("alliances-details")
        self.children = [*controls, self.summary, self.error, self.image, self.details]
        self.add_class(css_class)
        self.add_class("alliances-widget")
        self.sentence = ""
        self.refresh()

    def _update(self) -> tuple[str, str]:  # pragma: no cover - abstract
        """Update the artists; return (summary sentence, details HTML)."""
        raise NotImplementedError

    def refresh(self, *_: object) -> None:
        """Recompute and redraw; an error is shown in the widget, never raised."""
        try:
            sentence, details = self._update()
        except (ValueError, TypeError) as error:
            self.error.value = (f"<div role='alert' style='color:{ERROR_TEXT_COLOUR}'>"
                                f"<b>Cannot update:</b> {html.escape(str(error))}</div>")
            return
        except Exception as error:  # noqa: BLE001 - a widget must never die silently
            self.error.value = (f"<div role='alert' style='color:{ERROR_TEXT_COLOUR}'>"
                                f"<b>Unexpected error ({type(error).__name__}):</b> "
                                f"{html.escape(str(error))}. Please report it.</div>")
            return
        self.error.value = ""
        self.sentence = sentence
        self.summary.value = f"<p role='status' aria-live='polite'>{html.escape(sentence)}</p>"
        self.details.value = details
        self.image.value = self._render_png()

    def _render_png(self) -> bytes:
        """The figure as PNG bytes. Subclasses may render faster (for example in layers)."""
        return figure_png(self.figure)

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        data = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = self.sentence
        data["image/png"] = base64.b64encode(self.image.value).decode("ascii")
        return data
