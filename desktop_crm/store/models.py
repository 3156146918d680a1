"""Peewee models: one class per object of the domain (see shared/DOMAIN.md).

The models describe the *current* schema. The tables themselves are created
by the ordered steps in :mod:`desktop_crm.store.migrations`, which hold the
frozen SQL of each version, so that an old file is upgraded exactly as a new
one is created.

Conventions shared by every table:

* datetimes are naive UTC (``utcnow()``); a meeting keeps its own time zone
  name so that local times survive daylight-saving changes;
* ``deleted_at`` set means "in the trash": every ordinary query excludes it,
  restore clears it, purge deletes the row for good;
* a relationship or introduction whose person column is NULL involves *you*
  (the profile), not a contact.
"""

from __future__ import annotations

from peewee import (
    SQL,
    AutoField,
    BooleanField,
    CompositeKey,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from ..clock import utcnow
from .database import db


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class VersionedModel(BaseModel):
    """A row the user edits in a form: ``version`` counts its writes (added in schema 11).

    Every UPDATE made through the model (``save()``, ``Model.update()``, bulk
    actions, imports) sets ``version = version + 1`` in the same statement, so
    an editor that loaded version N can tell whether the row changed under it
    before it writes (see ``services/conflicts.py``). The column belongs to the
    store: a value given by a caller is replaced by the bump. Portable SQL, so
    the same holds on PostgreSQL.
    """

    # DEFAULT 1 in the table too (as step 11 adds it), for rows a bulk load writes.
    version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])

    @classmethod
    def update(cls, __data=None, **update):  # type: ignore[override]
        data = cls._normalize_data(__data, update)
        data.pop(cls.version, None)
        data.pop("version", None)
        data[cls.version] = cls.version + 1
        return super().update(data)

    def prepare_write(self) -> None:
        """Set the columns derived from others before any write of this row (a save,
        or the compare-and-set write of an edit, which does not go through save)."""

    def save(self, force_insert: bool = False, only=None):  # type: ignore[override]
        self.prepare_write()
        updating = self._pk is not None and not force_insert
        rows = super().save(force_insert=force_insert, only=only)
        if updating and rows:
            self.__data__["version"] = (self.__data__.get("version") or 1) + 1
            self._dirty.discard("version")
        return rows


class Profile(VersionedModel):
    """You: the centre of the network. There is one row (id 1)."""

    id = AutoField()
    name = TextField(default="")
    email = TextField(default="")
    phone = TextField(default="")
    pitch = TextField(default="")
    target_roles = TextField(default="")
    target_industries = TextField(default="")
    target_places = TextField(default="")
    objectives = TextField(default="")
    updated_at = DateTimeField(default=utcnow)


class Organization(VersionedModel):
    id = AutoField()
    name = TextField()
    # The name as the contact table sorts it (sort_keys.organization_sort_key), set on
    # every save; triggers copy it into contact.org_sort (schema 10).
    sort_key = TextField(default="")
    industry = TextField(default="")
    location = TextField(default="")
    website = TextField(default="")
    is_target = BooleanField(default=False)
    notes = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    deleted_at = DateTimeField(null=True)

    def prepare_write(self) -> None:
        from .sort_keys import organization_sort_key

        key = organization_sort_key(self.name)
        if key != self.sort_key:
            self.sort_key = key


class Contact(VersionedModel):
    id = AutoField()
    first_name = TextField(default="")
    last_name = TextField(default="")
    # casefolded "last first", kept by the services; the table sorts on it.
    sort_name = TextField(default="", index=True)
    organization = ForeignKeyField(Organization, null=True, on_delete="SET NULL", backref="contacts")
    title = TextField(default="")
    industry = TextField(default="")
    location = TextField(default="")
    linkedin_url = TextField(default="")
    how_met = TextField(default="")
    notes = TextField(default="")
    interests = TextField(default="")
    tier = TextField(default="primary")
    is_gatekeeper = BooleanField(default=False)
    status = TextField(default="to_contact")
    sources = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    deleted_at = DateTimeField(null=True)
    # Denormalised for the contact table (added in schema 2), kept by services.
    last_contact_at = DateTimeField(null=True)
    next_meeting_at = DateTimeField(null=True)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


class ContactEmail(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="emails")
    label = TextField(default="")
    email = TextField()
    position = IntegerField(default=0)


class ContactPhone(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="phones")
    label = TextField(default="")
    raw = TextField()
    # E.164 when phonenumbers could parse it, else empty (raw is kept).
    e164 = TextField(default="")
    position = IntegerField(default=0)


class Tag(BaseModel):
    id = AutoField()
    name = TextField(unique=True)
    # The import format that brought it (a Google label, an Outlook category); "" = the user's own.
    origin = TextField(default="")


class ContactTag(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="contact_tags")
    tag = ForeignKeyField(Tag, on_delete="CASCADE", backref="contact_tags")


class ContactHistory(BaseModel):
    """What a contact used to be: old titles, organizations, merged values."""

    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="history")
    at = DateTimeField(default=utcnow)
    kind = TextField(default="edit")  # edit, import, merge, note
    field = TextField(default="")
    old_value = TextField(default="")
    new_value = TextField(default="")
    batch_id = IntegerField(null=True)


class Relationship(VersionedModel):
    """Person A knows person B. ``person_a`` NULL means *you* know B."""

    id = AutoField()
    person_a = ForeignKeyField(Contact, null=True, on_delete="CASCADE", backref="relationships_out")
    person_b = ForeignKeyField(Contact, on_delete="CASCADE", backref="relationships_in")
    kind = TextField(default="other")
    strength = TextField(default="known")
    how = TextField(default="")
    since = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    deleted_at = DateTimeField(null=True)


class DismissedTie(BaseModel):
    """Two contacts the user said do not know each other: never infer a tie between them.

    ``a`` is the lower id. Added in schema 6.
    """

    a = ForeignKeyField(Contact, on_delete="CASCADE", column_name="a")
    b = ForeignKeyField(Contact, on_delete="CASCADE", column_name="b")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        primary_key = CompositeKey("a", "b")


class Meeting(VersionedModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="meetings")
    starts_at = DateTimeField()  # naive UTC
    tz = TextField(default="UTC")  # IANA zone the meeting happens in
    minutes = IntegerField(default=30)
    kind = TextField(default="coffee")
    place = TextField(default="")
    objective_learn = TextField(default="")
    objective_reveal = TextField(default="")
    objective_ask = TextField(default="")
    status = TextField(default="planned")
    notes = TextField(default="")
    thank_you_sent_at = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)
    deleted_at = DateTimeField(null=True)


class Introduction(BaseModel):
    """Introducer X connects you to Y. ``introducer`` NULL means you met Y yourself."""

    id = AutoField()
    introducer = ForeignKeyField(Contact, null=True, on_delete="CASCADE", backref="introductions_given")
    introduced = ForeignKeyField(Contact, on_delete="CASCADE", backref="introductions_received")
    meeting = ForeignKeyField(Meeting, null=True, on_delete="SET NULL", backref="introductions")
    date = DateTimeField(default=utcnow)
    status = TextField(default="promised")
    note = TextField(default="")


class OutreachAttempt(VersionedModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="outreach")
    at = DateTimeField(default=utcnow)
    channel = TextField(default="email")
    message = TextField(default="")
    answered = BooleanField(default=False)
    created_at = DateTimeField(default=utcnow)


class Question(BaseModel):
    id = AutoField()
    text = TextField()
    category = TextField(default="advice")
    tags = TextField(default="")  # space separated
    # Which tiers the question suits best ("primary bridge target"); empty = any.
    tiers = TextField(default="")
    builtin = BooleanField(default=False)
    retired = BooleanField(default=False)
    position = IntegerField(default=0)
    conclusion = TextField(default="")  # the user's finding across meetings
    created_at = DateTimeField(default=utcnow)


class MeetingQuestion(BaseModel):
    """A question chosen for one meeting, with its answer. ``question`` NULL = one-off."""

    id = AutoField()
    meeting = ForeignKeyField(Meeting, on_delete="CASCADE", backref="questions")
    question = ForeignKeyField(Question, null=True, on_delete="SET NULL", backref="asked")
    text = TextField(default="")
    position = IntegerField(default=0)
    answer = TextField(default="")
    agreement = TextField(default="open")


class Action(BaseModel):
    """Something promised in a meeting (by you or by them)."""

    id = AutoField()
    meeting = ForeignKeyField(Meeting, null=True, on_delete="CASCADE", backref="actions")
    contact = ForeignKeyField(Contact, null=True, on_delete="CASCADE", backref="actions")
    text = TextField()
    due_at = DateTimeField(null=True)
    done_at = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)


class ImportBatch(BaseModel):
    id = AutoField()
    created_at = DateTimeField(default=utcnow)
    source = TextField(default="")  # file path or description
    format = TextField(default="")
    summary = TextField(default="{}")  # JSON counts
    undone_at = DateTimeField(null=True)


class ImportChange(BaseModel):
    """One row an import created or changed; ``old_values`` JSON restores it."""

    id = AutoField()
    batch = ForeignKeyField(ImportBatch, on_delete="CASCADE", backref="changes")
    table = TextField()
    row_id = IntegerField()
    action = TextField()  # create | update
    old_values = TextField(default="{}")


class SmartList(BaseModel):
    id = AutoField()
    name = TextField(unique=True)
    filters = TextField(default="{}")  # JSON
    position = IntegerField(default=0)


ALL_MODELS: tuple[type[BaseModel], ...] = (
    Profile,
    Organization,
    Contact,
    ContactEmail,
    ContactPhone,
    Tag,
    ContactTag,
    ContactHistory,
    Relationship,
    DismissedTie,
    Meeting,
    Introduction,
    OutreachAttempt,
    Question,
    MeetingQuestion,
    Action,
    ImportBatch,
    ImportChange,
    SmartList,
)
