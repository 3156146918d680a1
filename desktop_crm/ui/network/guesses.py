"""The network view's guessed ties: your tie to someone in words, the people they
probably know, and the user's answer to a guess (confirm or dismiss).

A mixin for :class:`~desktop_crm.ui.network.view.NetworkView`: it uses the
view's loaded ``network``, its panels and ``refresh``/``select_person``.
"""

from __future__ import annotations

from collections.abc import Callable

from ...services import network as net
from ...services.contacts import get_contacts
from ...services.errors import ServiceError
from ..plain_text import warn


class GuessesMixin:
    """Warmth and inferred ties for the network view's person and path panels."""

    def _tie_words(self, contact_id: int) -> str:
        """Your tie to them in words, or "" when you have none of your own."""
        from ...services.network.graph import strength_name
        from ...services.network.warmth import describe, your_histories

        assert self.network is not None
        data = self.network.graph._adj.get(net.YOU, {}).get(contact_id)
        if data is None:
            return ""
        strength = strength_name(data["s"])
        return describe(strength, your_histories(contact_id).get(contact_id)).text

    def _guesses(self, contact_id: int) -> list[tuple[int, str, str]]:
        from ...services.network.guesses import inferred_ties

        try:
            found = inferred_ties(contact_id, 50)
        except ServiceError:
            return []
        names = {c.id: c.full_name for c in get_contacts([g[0] for g in found])}
        return [(other, names.get(other, f"#{other}"), why) for other, why in found if other in names]

    def confirm_guess(self, person: int, other: int) -> None:
        from ...services.network.guesses import confirm_inferred

        self._answer_guess(lambda: confirm_inferred(person, other), "Recorded: they know each other.")

    def dismiss_guess(self, person: int, other: int) -> None:
        from ...services.network.guesses import dismiss_inferred

        self._answer_guess(lambda: dismiss_inferred(person, other), "Dismissed: that guess will not come back.")

    def _answer_guess(self, action: Callable[[], object], message: str) -> None:
        try:
            action()
        except ServiceError as exc:
            warn(self, "Probably knows", exc)
            return
        self.context.status_message.emit(message)
        self.context.data_changed.emit()
        self.refresh()
        if self.selected is not None:
            self.select_person(self.selected)

    def _answer_path_guess_confirmed(self, a: int, b: int) -> None:
        self.confirm_guess(a, b)
        self._find_again()

    def _answer_path_guess_dismissed(self, a: int, b: int) -> None:
        self.dismiss_guess(a, b)
        self._find_again()

    def _find_again(self) -> None:
        """After a guess is answered, the way to the same target, found again."""
        if self.path_result is not None:
            self.show_path_to(self.path_result.target_kind, self.path_result.target_id)
