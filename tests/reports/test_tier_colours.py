"""A tier is one colour to the eye wherever it shows: the map, the table's badge and the
printed prep sheet differ in lightness, never in hue (a Bridge was once blue on screen
and amber on paper)."""

from __future__ import annotations

import colorsys

import pytest

from desktop_crm.domain import TIER_BADGE_COLOURS, TIER_MAP_COLOURS, TIER_PRINT_COLOURS, TIERS


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    value = hex_colour.lstrip("#")
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _hue(hex_colour: str) -> float:
    return colorsys.rgb_to_hls(*_rgb(hex_colour))[0] * 360


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance."""
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(hex_colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _apart(a: float, b: float) -> float:
    return min(abs(a - b), 360 - abs(a - b))


@pytest.mark.parametrize("tier", list(TIERS))
def test_each_surface_shows_a_tier_in_the_same_hue(tier: str) -> None:
    screen = _hue(TIER_MAP_COLOURS[tier])
    assert _apart(_hue(TIER_PRINT_COLOURS[tier]), screen) < 20
    assert _apart(_hue(TIER_BADGE_COLOURS[tier][0]), screen) < 20


def test_printed_tiers_carry_white_text_and_stay_apart_in_grey() -> None:
    inks = [TIER_PRINT_COLOURS[t] for t in TIERS]
    for ink in inks:
        assert (1.05) / (_luminance(ink) + 0.05) >= 4.5  # white text on the ink, WCAG AA
    greys = sorted(_luminance(ink) for ink in inks)
    assert all(b - a > 0.015 for a, b in zip(greys, greys[1:], strict=False))
