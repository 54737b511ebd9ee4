"""The checks of ``tests/figure_texts.py`` can fail, and fail only on what a reader sees."""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from figure_texts import overlapping_texts, shown_texts, texts_off_the_figure


def _figure() -> tuple[Figure, object]:
    figure = Figure(figsize=(4, 3), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.set_xticks([0, 5, 10, 15])
    ax.set_xlim(0, 10)                     # 15 is out of view: its label is not drawn
    ax.set_yticks([])
    return figure, ax


def _found(figure: Figure) -> tuple[list[str], list[str]]:
    figure.canvas.draw()
    shown = shown_texts(figure)
    return overlapping_texts(figure, shown), texts_off_the_figure(figure, shown)


def test_two_texts_written_over_each_other_are_reported() -> None:
    figure, ax = _figure()
    ax.text(2, 0.5, "Harmony")
    ax.text(2.4, 0.5, "Deadlock")
    overlapping, off = _found(figure)
    assert len(overlapping) == 1 and overlapping[0].startswith("'Harmony' and 'Deadlock' (")
    assert off == []


def test_texts_whose_boxes_meet_but_not_their_letters_are_apart() -> None:
    """Two labels turned 45 degrees, side by side: their upright boxes overlap by much,
    their letters not at all (the rotated event names of a timeline)."""
    figure, ax = _figure()
    first = ax.text(3, 0.2, "first event", rotation=45)
    second = ax.text(4.2, 0.2, "second event", rotation=45)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    meet = first.get_window_extent(renderer).intersection(
        first.get_window_extent(renderer), second.get_window_extent(renderer))
    assert meet is not None and meet.width > 10 and meet.height > 10
    assert _found(figure) == ([], [])


def test_a_box_behind_a_text_counts_and_a_tick_out_of_view_does_not() -> None:
    figure, ax = _figure()
    ax.text(5, 0.5, "world 4", ha="center",
            bbox={"boxstyle": "round,pad=0.6", "facecolor": "white"})
    ax.text(5, 0.5, "covered", ha="center", va="top")   # under the padded box, not the word
    overlapping, _off = _found(figure)
    assert [pair.split(" (")[0] for pair in overlapping] == ["'world 4' and 'covered'"]
    labels = [text.get_text() for text, _box in shown_texts(figure)]
    assert "15" not in labels and {"0", "5", "10"} <= set(labels)


def test_a_text_past_the_edge_is_reported() -> None:
    figure, ax = _figure()
    ax.text(9.5, 0.5, "a long name that runs out of the figure")
    overlapping, off = _found(figure)
    assert off == ["a long name that runs out of the figure"]
