"""Number fields that never change silently what a student typed.

ipywidgets' ``BoundedFloatText`` and a slider's editable read-out clamp or truncate what
is typed without a word: "2,5" in a payoff box became 10, "1e999" in a probability
read-out became 1. :class:`NumberField` parses the text itself: a decimal comma is
understood ("2,5" is 2.5); anything else that cannot be used as typed (not a number, not
finite, outside the range, not a whole number where one is needed) is refused with a
visible message next to the field, and the field keeps its last valid value.

:func:`with_readout` gives a slider such a field as its read-out (the slider's own,
clamping read-out is switched off).
"""

from __future__ import annotations

import html
import math

import ipywidgets as widgets
import traitlets

from alliances._validation import short_repr, check_real
from alliances.i18n import _, number

__all__ = ["NumberField", "with_readout"]

#: Colour of a refusal message: 5.5:1 on white (WCAG AA for text needs 4.5:1).
_MESSAGE_COLOUR = "#B34700"

_MINUS_SIGNS = "\u2212\u2012\u2013\ufe63\uff0d"


def _format(value: float) -> str:
    return f"{value:.10g}"


def _shown_number(value: float) -> str:
    """``value`` as :func:`_format` writes it, with the reader's decimal separator."""
    return number(value, ".10g")


def _check_text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string; got {type(value).__name__} {short_repr(value)}")
    return value


def _check_range(minimum: object, maximum: object) -> tuple[float, float]:
    low, high = check_real(minimum, "minimum"), check_real(maximum, "maximum")
    if not low < high:
        raise ValueError(f"minimum must be below maximum; got {low} and {high}")
    return low, high


def _parse_number(text: object, minimum: float, maximum: float, *,
                 integer: bool = False) -> float:
    """The number a student typed, or a ``ValueError`` that says why it cannot be used.

    A decimal comma is understood ("2,5" is 2.5), as are spaces around the number and a
    typographic minus sign. Refused: an empty field, text that is not a number, a number
    too large to represent (such as 1e999), a number outside [``minimum``, ``maximum``],
    and, with ``integer``, a number that is not whole.

    Examples
    --------
    >>> _parse_number("2,5", -10, 10)
    2.5
    >>> _parse_number(" \u22121.5 ", -10, 10)
    -1.5
    >>> _parse_number("abc", -10, 10)
    Traceback (most recent call last):
    ...
    ValueError: "abc" is not a number
    >>> _parse_number("1e999", 0, 1)
    Traceback (most recent call last):
    ...
    ValueError: "1e999" is too large: type a number from 0 to 1
    >>> _parse_number("12", -10, 10)
    Traceback (most recent call last):
    ...
    ValueError: 12 is outside the range: type a number from -10 to 10
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string; got {type(text).__name__}")
    typed = text.strip().replace("\u00a0", "").replace(" ", "")
    for sign in _MINUS_SIGNS:
        typed = typed.replace(sign, "-")
    low, high = _shown_number(minimum), _shown_number(maximum)
    if not typed:
        raise ValueError(_("the field is empty: type a number from {low} to {high}").format(
            low=low, high=high))
    if "," in typed:
        if typed.count(",") > 1 or "." in typed:
            raise ValueError(_('"{text}" is not a number: use one decimal separator, '
                               "as in 2.5 or 2,5").format(text=text.strip()))
        typed = typed.replace(",", ".")
    try:
        value = float(typed)
    except ValueError:
        raise ValueError(_('"{text}" is not a number').format(text=text.strip())) from None
    if math.isnan(value):
        raise ValueError(_('"{text}" is not a number').format(text=text.strip()))
    if math.isinf(value):
        raise ValueError(_('"{text}" is too large: type a number from {low} to {high}').format(
            text=text.strip(), low=low, high=high))
    if not minimum <= value <= maximum:
        raise ValueError(_("{value} is outside the range: type a number from {low} to {high}"
                           ).format(value=_shown_number(value), low=low, high=high))
    if integer and value != int(value):
        raise ValueError(_("{value} is not a whole number: type one from {low} to {high}"
                           ).format(value=_shown_number(value), low=low, high=high))
    return float(int(value)) if integer else value


class NumberField(widgets.HBox):
    """A text box for one number, with a visible message when what is typed is refused.

    ``value`` is a float (not synchronised with the browser: the text box is). Typing a
    usable number sets it; typing anything else leaves it unchanged, puts the last valid
    value back in the box and shows, next to it, what was typed and why it was refused.
    Setting ``value`` from code to a number outside the range raises an error instead of
    clamping.

    Examples
    --------
    >>> field = NumberField(3.0, minimum=-10, maximum=10, description="R")
    >>> field.text.value = "2,5"
    >>> field.value, field.message.value
    (2.5, '')
    >>> field.text.value = "1e999"
    >>> field.value, field.text.value
    (2.5, '2.5')
    >>> "too large" in field.message.value and "kept 2.5" in field.message.value
    True
    """

    value = traitlets.Float()

    def __init__(self, value: float, *, minimum: float, maximum: float,
                 description: str = "", tooltip: str | None = None, integer: bool = False,
                 width: str = "150px", description_width: str = "auto") -> None:
        self.min, self.max = _check_range(minimum, maximum)
        if not isinstance(integer, bool):
            raise TypeError(f"integer must be True or False; got {short_repr(integer)}")
        self.integer = integer
        value = check_real(value, "value", minimum=self.min, maximum=self.max)
        for text, name in ((description, "description"), (width, "width"),
                           (description_width, "description_width")):
            _check_text(text, name)
        if tooltip is not None:
            _check_text(tooltip, "tooltip")
        self.text = widgets.Text(value=_shown_number(value), description=description,
                                 tooltip=tooltip, continuous_update=False,
                                 style={"description_width": description_width},
                                 layout=widgets.Layout(width=width))
        self.message = widgets.HTML(layout=widgets.Layout(max_width="16em"))
        self.message.add_class("alliances-field-message")
        super().__init__([self.text, self.message],
                         layout=widgets.Layout(align_items="center", flex_flow="row wrap"))
        self.add_class("alliances-number-field")
        self.value = value
        self.text.observe(self._typed, names="value")
        self.observe(self._shown, names="value")

    @property
    def description(self) -> str:
        return self.text.description

    @property
    def tooltip(self) -> str | None:
        return self.text.tooltip

    @traitlets.validate("value")
    def _check(self, proposal: dict) -> float:
        value = float(proposal["value"])
        if not (math.isfinite(value) and self.min <= value <= self.max):
            raise traitlets.TraitError(
                f"{self.description or 'value'} must lie in [{_format(self.min)}, "
                f"{_format(self.max)}]; got {value!r}")
        return value

    def _shown(self, change: dict) -> None:
        """A value set from code (or typed): the box shows it, with the reader's decimal
        separator (a comma in the Indonesian edition), and any old message goes."""
        self.message.value = ""
        if self.text.value != _shown_number(change["new"]):
            self._quiet = True
            try:
                self.text.value = _shown_number(change["new"])
            finally:
                self._quiet = False

    _quiet = False

    def _typed(self, change: dict) -> None:
        if self._quiet:
            return
        try:
            value = _parse_number(change["new"], self.min, self.max, integer=self.integer)
        except ValueError as error:
            self.refuse(str(error))
            return
        if value == self.value:
            self.message.value = ""
            self._shown({"new": value})
        else:
            self.value = value

    def refuse(self, reason: str) -> None:
        """Show ``reason`` beside the field and put the last valid value back in the box."""
        _check_text(reason, "reason")
        self._shown({"new": self.value})
        self.message.value = (f"<span role='alert' style='color:{_MESSAGE_COLOUR}'>"
                              + html.escape(_("{reason}; kept {value}.").format(
                                  reason=reason, value=_shown_number(self.value)))
                              + "</span>")


def with_readout(slider: widgets.widget_int._Int | widgets.widget_float._Float
                 ) -> widgets.HBox:
    """``slider`` with a :class:`NumberField` as its read-out, the two kept in step.

    The slider's own read-out (editable, and clamping what is typed) is switched off.

    Examples
    --------
    >>> slider = widgets.FloatSlider(value=0.5, min=0, max=1, step=0.05, description="p")
    >>> row = with_readout(slider)
    >>> field = row.children[1]
    >>> field.text.value = "0,75"
    >>> slider.value
    0.75
    >>> field.text.value = "1e999"
    >>> slider.value, "too large" in field.message.value
    (0.75, True)
    >>> slider.value = 0.25
    >>> field.text.value
    '0.25'
    """
    if not isinstance(slider, (widgets.FloatSlider, widgets.IntSlider)):
        raise TypeError(f"slider must be an ipywidgets FloatSlider or IntSlider; got "
                        f"{type(slider).__name__}")
    integer = isinstance(slider, widgets.IntSlider)
    slider.readout = False
    field = NumberField(slider.value, minimum=slider.min, maximum=slider.max,
                        description=slider.description, integer=integer, width="4.5em",
                        description_width="0px",
                        tooltip=_("Type a value for: {label}").format(label=slider.description))
    field.text.add_class("alliances-readout")
    field.add_class("alliances-readout-field")

    def to_field(change: dict) -> None:
        if field.value != change["new"]:
            field.value = change["new"]

    def to_slider(change: dict) -> None:
        if slider.value != change["new"]:
            slider.value = change["new"]

    slider.observe(to_field, names="value")
    field.observe(to_slider, names="value")
    row = widgets.HBox([slider, field], layout=widgets.Layout(align_items="center"))
    row.add_class("alliances-slider-row")
    return row
