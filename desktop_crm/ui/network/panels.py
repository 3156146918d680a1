"""The side panels beside the map: the selected person, the way to a target, gatekeepers, reach.

Each panel shows plain data handed to it by the view (service results);
buttons only emit signals, so the view decides what happens.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.network.gatekeepers import Gatekeeper
from ...services.network.paths import PathResult
from ...services.network.reach import Reach
from ...services.views import ContactView
from ..plain_text import tip
from ..widgets.badges import TierBadge
from ..widgets.theme import heading_font, set_muted

ID_ROLE = Qt.ItemDataRole.UserRole


def _label(text: str = "", muted: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and notes as typed
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if muted:
        set_muted(label)
    return label


class PersonPanel(QWidget):
    """The selected person: who they are, how you are connected, what to do next."""

    centre_requested = Signal(int)
    path_requested = Signal(int)
    open_requested = Signal(int)
    relationship_requested = Signal(int)
    guess_confirmed = Signal(int, int)  # this person, the one they probably know
    guess_dismissed = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contact_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(6)
        self.name = _label("No one selected")
        self.name.setFont(heading_font(self, 1.25))
        self.badge = TierBadge()
        self.role = _label(muted=True)
        self.place = _label(muted=True)
        self.connection = _label()
        self.warmth = _label()
        self.mutual_title = _label("Mutual connections")
        self.mutual_title.setFont(heading_font(self, 1.0))
        self.mutual = QListWidget()
        self.mutual.setMaximumHeight(110)
        self.guesses_title = _label("Probably knows (a guess)")
        self.guesses_title.setFont(heading_font(self, 1.0))
        self.guesses = QListWidget()
        self.guesses.setWordWrap(True)
        self.guesses.setMaximumHeight(120)
        self.guesses.setToolTip("People this person probably knows, and why. Confirm a guess to record it, "
                                "or dismiss it so it never comes back.")
        guess_buttons = QHBoxLayout()
        self.confirm_button = QPushButton("They know each other")
        self.dismiss_button = QPushButton("Dismiss")
        guess_buttons.addWidget(self.confirm_button)
        guess_buttons.addWidget(self.dismiss_button)
        self.hint = _label("Click someone on the map to see them here. Double-click to centre the map on them.", muted=True)
        header = QHBoxLayout()
        header.addWidget(self.name, 1)
        header.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        for widget in (self.role, self.place, self.connection, self.warmth, self.mutual_title, self.mutual,
                       self.guesses_title, self.guesses):
            layout.addWidget(widget)
        layout.addLayout(guess_buttons)
        buttons = QVBoxLayout()
        self.centre_button = QPushButton("Centre the map here")
        self.path_button = QPushButton("Find a way to them")
        self.relationship_button = QPushButton("Add a relationship…")
        self.open_button = QPushButton("Open contact")
        for button in (self.centre_button, self.path_button, self.relationship_button, self.open_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.centre_button.clicked.connect(lambda: self._emit(self.centre_requested))
        self.path_button.clicked.connect(lambda: self._emit(self.path_requested))
        self.open_button.clicked.connect(lambda: self._emit(self.open_requested))
        self.relationship_button.clicked.connect(lambda: self._emit(self.relationship_requested))
        self.confirm_button.clicked.connect(lambda: self._guess(self.guess_confirmed))
        self.dismiss_button.clicked.connect(lambda: self._guess(self.guess_dismissed))
        self.guesses.currentRowChanged.connect(self._guess_chosen)
        self.show_nobody()

    def _emit(self, signal: Signal) -> None:
        if self.contact_id is not None:
            signal.emit(self.contact_id)

    def _guess(self, signal: Signal) -> None:
        item = self.guesses.currentItem()
        if self.contact_id is not None and item is not None and item.data(ID_ROLE) is not None:
            signal.emit(self.contact_id, int(item.data(ID_ROLE)))

    def _guess_chosen(self, row: int) -> None:
        item = self.guesses.item(row) if row >= 0 else None
        enabled = item is not None and item.data(ID_ROLE) is not None
        self.confirm_button.setEnabled(enabled)
        self.dismiss_button.setEnabled(enabled)

    def show_nobody(self) -> None:
        self.contact_id = None
        self.name.setText("No one selected")
        self.badge.set_tier("")
        for widget in (self.role, self.place, self.connection, self.warmth, self.mutual_title, self.mutual,
                       self.guesses_title, self.guesses, self.confirm_button, self.dismiss_button):
            widget.hide()
        for button in (self.centre_button, self.path_button, self.relationship_button, self.open_button):
            button.hide()
        self.hint.show()

    def show_person(self, contact: ContactView, steps: int | None, mutual: list[str], total: int,
                    tie: str = "", guesses: list[tuple[int, str, str]] | None = None) -> None:
        """``tie``: your tie to them in words ("warm: met twice, last in October");
        ``guesses``: (id, name, why) of people they probably know."""
        self.contact_id = contact.id
        self.name.setText(contact.full_name)
        self.badge.set_tier(contact.tier)
        role = " at ".join(p for p in (contact.title, contact.organization) if p)
        self.role.setText(role or "No title or organization recorded")
        self.place.setText(" · ".join(p for p in (contact.industry, contact.location) if p))
        self.place.setVisible(bool(contact.industry or contact.location))
        if steps is None:
            text = "Not connected to you yet: record who they know, or find a way to them."
        elif steps == 1:
            text = "You know them directly."
        else:
            text = f"{steps} steps from you."
        if contact.is_gatekeeper:
            text += " Marked as a gatekeeper."
        self.connection.setText(text)
        self.mutual.clear()
        for name in mutual or ["None recorded"]:
            self.mutual.addItem(name)
        if total > len(mutual):
            self.mutual.addItem(f"… and {total - len(mutual)} more")
        self.mutual_title.setText(f"Mutual connections ({total})")
        self.warmth.setText(f"Your tie: {tie}" if tie else "")
        self.warmth.setVisible(bool(tie))
        self.guesses.clear()
        for other, name, why in guesses or []:
            item = QListWidgetItem(f"{name} — {why}")
            item.setData(ID_ROLE, other)
            self.guesses.addItem(item)
        has_guesses = bool(guesses)
        for widget in (self.guesses_title, self.guesses, self.confirm_button, self.dismiss_button):
            widget.setVisible(has_guesses)
        self.guesses_title.setText(f"Probably knows ({len(guesses or [])}, a guess)")
        self._guess_chosen(-1)
        for widget in (self.role, self.connection, self.mutual_title, self.mutual):
            widget.show()
        for button in (self.centre_button, self.path_button, self.relationship_button, self.open_button):
            button.show()
        self.hint.hide()


class PathsPanel(QWidget):
    """Telephoto results: the paths, the first ask, the draft email, or who is closest."""

    path_selected = Signal(int)  # index into the result's paths, -1 = all
    person_chosen = Signal(int)  # a suggestion or a "did you mean" match was picked
    organization_chosen = Signal(int)
    guess_confirmed = Signal(int, int)  # the two people of a guessed step on the chosen path
    guess_dismissed = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: PathResult | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(6)
        self.title = _label("Find a way to someone")
        self.title.setFont(heading_font(self, 1.15))
        self.message = _label(
            "Type a person or an organization in “Find a way to…” above. The warmest paths "
            "from you appear here and on the map, with the first introduction to ask for.",
            muted=True,
        )
        self.paths = QListWidget()
        self.paths.setWordWrap(True)
        self.paths.setSpacing(2)
        self.paths.setMaximumHeight(190)
        self.ask = _label()
        self.ask.setFont(heading_font(self, 1.0))
        self.email = QPlainTextEdit()
        self.email.setReadOnly(True)
        self.copy_button = QPushButton("Copy email")
        self.copy_button.setToolTip("Copy the draft introduction request to the clipboard")
        self.choices = QListWidget()
        self.choices.setWordWrap(True)
        self.guess = _label()
        self.confirm_button = QPushButton("They know each other")
        self.dismiss_button = QPushButton("Dismiss the guess")
        guess_row = QHBoxLayout()
        guess_row.addWidget(self.confirm_button)
        guess_row.addWidget(self.dismiss_button)
        self._guess_pair: tuple[int, int] | None = None
        for widget in (self.title, self.message, self.paths, self.guess):
            layout.addWidget(widget)
        layout.addLayout(guess_row)
        for widget in (self.ask, self.email, self.copy_button, self.choices):
            layout.addWidget(widget)
        layout.addStretch(0)
        self.paths.currentRowChanged.connect(self.path_selected.emit)
        self.paths.currentRowChanged.connect(self._show_guess)
        self.confirm_button.clicked.connect(lambda: self._answer(self.guess_confirmed))
        self.dismiss_button.clicked.connect(lambda: self._answer(self.guess_dismissed))
        self.copy_button.clicked.connect(self.copy_email)
        self.choices.itemActivated.connect(self._choice)
        self.choices.itemClicked.connect(self._choice)
        self._show(paths=False, email=False, choices=False)

    def _show_guess(self, row: int) -> None:
        """The chosen path rests on a guess: say which, and let the user answer it here."""
        self._guess_pair = None
        path = self.result.paths[row] if self.result is not None and 0 <= row < len(self.result.paths) else None
        if path is not None and path.inferred:
            ids = path.ids
            index = next(i for i, step in enumerate(path.steps) if step.inferred)
            self._guess_pair = (ids[index], ids[index + 1]) if ids[index] != 0 else None
            self.guess.setText("A guess: " + "; ".join(path.guesses()) + ".")
        shown = self._guess_pair is not None
        for widget in (self.guess, self.confirm_button, self.dismiss_button):
            widget.setVisible(shown)

    def _answer(self, signal: Signal) -> None:
        if self._guess_pair is not None:
            signal.emit(*self._guess_pair)

    def _show(self, paths: bool, email: bool, choices: bool) -> None:
        self._show_guess(self.paths.currentRow() if paths else -1)
        self.paths.setVisible(paths)
        self.ask.setVisible(paths)
        self.email.setVisible(email)
        self.copy_button.setVisible(email)
        self.choices.setVisible(choices)

    def show_result(self, result: PathResult) -> None:
        self.result = result
        self.title.setText(f"Ways to {result.target}")
        self.paths.blockSignals(True)
        self.paths.clear()
        for index, path in enumerate(result.paths, 1):
            self.paths.addItem(f"{index}. {path.describe()}")
        if result.paths:
            self.paths.setCurrentRow(0)  # the first is drawn alone on the map; pick another to compare
        self.paths.blockSignals(False)
        self._fit_paths()
        self.choices.clear()
        if result.found:
            self.message.setText(
                (result.message + " " if result.uses_inferred else "")
                + "Warmest first: warmer ties and people who answered before cost less. "
                "The chosen one is drawn on the map with its steps numbered."
            )
            self.ask.setText(result.first_ask)
            self.email.setPlainText(f"Subject: {result.email_subject}\n\n{result.email_body}".strip())
            self._show(paths=True, email=bool(result.email_body), choices=False)
            return
        self.message.setText(result.message)
        for suggestion in result.suggestions:
            item = QListWidgetItem(
                f"{suggestion.person.name} — {suggestion.reason} ({suggestion.steps} step{'s' if suggestion.steps != 1 else ''} from you)"
            )
            item.setData(ID_ROLE, ("person", suggestion.person.id))
            self.choices.addItem(item)
        self._show(paths=False, email=False, choices=bool(result.suggestions))

    def _fit_paths(self) -> None:
        """As tall as its wrapped rows, so the email below gets the rest of the room."""
        metrics = self.paths.fontMetrics()
        # The panel's own width is settled before the list's viewport is (a hidden tab).
        width = max(120, self.width() - 24 - 2 * self.paths.frameWidth() - 22)
        height = sum(
            metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, self.paths.item(row).text()).height() + 8
            for row in range(self.paths.count())
        )
        self.paths.setFixedHeight(min(340, max(40, height + 2 * self.paths.frameWidth() + 8)))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.paths.count():
            self._fit_paths()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.paths.count():
            self._fit_paths()

    def show_matches(self, query: str, people: list[tuple[int, str]], organizations: list[tuple[int, str]]) -> None:
        """'Did you mean': the name matched several people or organizations."""
        self.result = None
        self.title.setText(f"Which “{query}”?")
        self.message.setText("Several match. Pick one:")
        self.choices.clear()
        for kind, rows in (("person", people), ("organization", organizations)):
            for row_id, label in rows:
                item = QListWidgetItem(label if kind == "person" else f"{label} (organization)")
                item.setData(ID_ROLE, (kind, row_id))
                self.choices.addItem(item)
        self._show(paths=False, email=False, choices=True)

    def show_error(self, text: str) -> None:
        self.result = None
        self.title.setText("Find a way to someone")
        self.message.setText(text)
        self._show(paths=False, email=False, choices=False)

    def _choice(self, item: QListWidgetItem) -> None:
        kind, row_id = item.data(ID_ROLE)
        (self.person_chosen if kind == "person" else self.organization_chosen).emit(int(row_id))

    def copy_email(self) -> None:
        QGuiApplication.clipboard().setText(self.email.toPlainText())


class GatekeepersPanel(QWidget):
    """The ranked door-openers beside your own flag."""

    person_selected = Signal(int)
    flag_toggled = Signal(int, bool)

    COLUMNS = ("#", "Score", "★", "Name")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        explain = _label(
            "Ranked from your data: introductions given (40%), meetings that came of them (30%), "
            "and how much of your network runs through them (30%). A solid gold ring on the map is "
            "your own flag; a dashed one is a suggestion.",
            muted=True,
        )
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(list(self.COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.tree.header()
        # Names last and as wide as they are: never cut ("Noa…"); a long one scrolls instead.
        header.setStretchLastSection(True)
        for column in range(len(self.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.detail = _label(muted=True)
        self.flag_button = QPushButton("Mark as gatekeeper")
        self.flag_button.setEnabled(False)
        self.empty = _label(
            "No gatekeepers stand out yet. They rise from the introductions people make for you and "
            "from the people they know: record introductions, add who knows whom, or import a "
            "friend's shared export as \u201csomeone else's contacts\u201d to see who bridges into "
            "their circles.",
            muted=True,
        )
        for widget in (explain, self.tree, self.detail, self.flag_button, self.empty):
            layout.addWidget(widget)
        self.tree.currentItemChanged.connect(self._current)
        self.flag_button.clicked.connect(self._toggle)

    def show_ranking(self, ranked: list[Gatekeeper]) -> None:
        self.tree.clear()
        for rank, g in enumerate(ranked, 1):
            item = QTreeWidgetItem([str(rank), f"{g.score:.0f}", "★" if g.flagged else "", g.person.name])
            item.setData(0, ID_ROLE, (g.person.id, g.flagged))
            item.setData(1, ID_ROLE, _gatekeeper_detail(g))
            role = " at ".join(p for p in (g.person.title, g.person.organization) if p)
            item.setToolTip(3, tip("\n".join(x for x in (role, _gatekeeper_detail(g)) if x)))
            self.tree.addTopLevelItem(item)
        self.detail.setText("Select someone to see why they rank here." if ranked else "")
        self.tree.setVisible(bool(ranked))
        self.flag_button.setVisible(bool(ranked))
        self.empty.setVisible(not ranked)

    def _current(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        self.flag_button.setEnabled(item is not None)
        if item is None:
            return
        person_id, flagged = item.data(0, ID_ROLE)
        self.flag_button.setText("Remove gatekeeper mark" if flagged else "Mark as gatekeeper")
        self.detail.setText(f"{item.text(3)}: {item.data(1, ID_ROLE)}")
        self.person_selected.emit(person_id)

    def _toggle(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            person_id, flagged = item.data(0, ID_ROLE)
            self.flag_toggled.emit(person_id, not flagged)


def _gatekeeper_detail(g: Gatekeeper) -> str:
    return (f"{g.introductions} introduction(s) given, {g.meetings} led to a meeting; "
            f"links you to {g.links_to} second-degree people")


class ReachPanel(QWidget):
    """How far your network reaches: one, two and three steps, by tier and industry."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Steps", "People", "Primary", "Bridge", "Target"])
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.tree.header()
        # Industry names sit in the first column: as wide as they are, never cut.
        header.setStretchLastSection(False)
        for column in range(5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.pool = _label()
        self.pool.setFont(heading_font(self, 1.1))
        self.assumptions = _label(muted=True)
        for widget in (self.pool, self.assumptions, self.tree):
            layout.addWidget(widget)

    def show_reach(self, reach: Reach) -> None:
        self.tree.clear()
        names = {1: "1 step", 2: "2 steps", 3: "3 steps"}
        for level in reach.levels:
            row = QTreeWidgetItem(
                [names.get(level.steps, f"{level.steps} steps"), f"{level.people:,}",
                 *(f"{level.by_tier.get(t, 0):,}" for t in ("primary", "bridge", "target"))]
            )
            for industry, count in level.by_industry[:12]:
                row.addChild(QTreeWidgetItem([industry, f"{count:,}"]))
            if len(level.by_industry) > 12:
                rest = sum(n for _, n in level.by_industry[12:])
                row.addChild(QTreeWidgetItem([f"{len(level.by_industry) - 12} more industries", f"{rest:,}"]))
            self.tree.addTopLevelItem(row)
        if self.tree.topLevelItemCount():
            self.tree.topLevelItem(0).setExpanded(True)
        self.pool.setText(f"Estimated contact pool: about {reach.estimated_pool:,} people")
        self.assumptions.setText(
            reach.assumptions + " One step: people you know; two: the people they know. "
            "Expand a row to see industries."
        )
