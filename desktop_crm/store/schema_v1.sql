-- Schema 1, frozen: the first schema Desktop CRM shipped. Never edit; add a step.
CREATE TABLE "profile" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "email" TEXT NOT NULL, "phone" TEXT NOT NULL, "pitch" TEXT NOT NULL, "target_roles" TEXT NOT NULL, "target_industries" TEXT NOT NULL, "target_places" TEXT NOT NULL, "objectives" TEXT NOT NULL, "updated_at" DATETIME NOT NULL);
CREATE TABLE "organization" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "industry" TEXT NOT NULL, "location" TEXT NOT NULL, "website" TEXT NOT NULL, "is_target" INTEGER NOT NULL, "notes" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted_at" DATETIME);
CREATE INDEX "organization_name" ON "organization" ("name" COLLATE NOCASE);
CREATE TABLE "contact" ("id" INTEGER NOT NULL PRIMARY KEY, "first_name" TEXT NOT NULL, "last_name" TEXT NOT NULL, "sort_name" TEXT NOT NULL, "organization_id" INTEGER, "title" TEXT NOT NULL, "industry" TEXT NOT NULL, "location" TEXT NOT NULL, "linkedin_url" TEXT NOT NULL, "how_met" TEXT NOT NULL, "notes" TEXT NOT NULL, "interests" TEXT NOT NULL, "tier" TEXT NOT NULL, "is_gatekeeper" INTEGER NOT NULL, "status" TEXT NOT NULL, "sources" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "deleted_at" DATETIME, FOREIGN KEY ("organization_id") REFERENCES "organization" ("id") ON DELETE SET NULL);
CREATE INDEX "contact_sort_name" ON "contact" ("sort_name");
CREATE INDEX "contact_organization_id" ON "contact" ("organization_id");
CREATE INDEX "contact_linkedin_url" ON "contact" ("linkedin_url") WHERE linkedin_url != '';
CREATE TABLE "contact_email" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, "label" TEXT NOT NULL, "email" TEXT NOT NULL, "position" INTEGER NOT NULL, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "contact_email_contact_id" ON "contact_email" ("contact_id");
CREATE INDEX "contact_email_email" ON "contact_email" (lower("email"));
CREATE TABLE "contact_phone" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, "label" TEXT NOT NULL, "raw" TEXT NOT NULL, "e164" TEXT NOT NULL, "position" INTEGER NOT NULL, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "contact_phone_contact_id" ON "contact_phone" ("contact_id");
CREATE TABLE "tag" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL COLLATE NOCASE);
CREATE UNIQUE INDEX "tag_name" ON "tag" ("name");
CREATE TABLE "contact_tag" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, "tag_id" INTEGER NOT NULL, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE, FOREIGN KEY ("tag_id") REFERENCES "tag" ("id") ON DELETE CASCADE);
CREATE UNIQUE INDEX "contact_tag_contact_id_tag_id" ON "contact_tag" ("contact_id", "tag_id");
CREATE INDEX "contact_tag_tag_id" ON "contact_tag" ("tag_id");
CREATE TABLE "contact_history" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, "at" DATETIME NOT NULL, "kind" TEXT NOT NULL, "field" TEXT NOT NULL, "old_value" TEXT NOT NULL, "new_value" TEXT NOT NULL, "batch_id" INTEGER, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "contact_history_contact_id" ON "contact_history" ("contact_id");
CREATE TABLE "relationship" ("id" INTEGER NOT NULL PRIMARY KEY, "person_a_id" INTEGER, "person_b_id" INTEGER NOT NULL, "kind" TEXT NOT NULL, "strength" TEXT NOT NULL, "how" TEXT NOT NULL, "since" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "deleted_at" DATETIME, FOREIGN KEY ("person_a_id") REFERENCES "contact" ("id") ON DELETE CASCADE, FOREIGN KEY ("person_b_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "relationship_person_a_id" ON "relationship" ("person_a_id");
CREATE INDEX "relationship_person_b_id" ON "relationship" ("person_b_id");
CREATE TABLE "meeting" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, "starts_at" DATETIME NOT NULL, "tz" TEXT NOT NULL, "minutes" INTEGER NOT NULL, "kind" TEXT NOT NULL, "place" TEXT NOT NULL, "objective_learn" TEXT NOT NULL, "objective_reveal" TEXT NOT NULL, "objective_ask" TEXT NOT NULL, "status" TEXT NOT NULL, "notes" TEXT NOT NULL, "thank_you_sent_at" DATETIME, "created_at" DATETIME NOT NULL, "deleted_at" DATETIME, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "meeting_contact_id" ON "meeting" ("contact_id");
CREATE INDEX "meeting_starts_at" ON "meeting" ("starts_at");
CREATE TABLE "introduction" ("id" INTEGER NOT NULL PRIMARY KEY, "introducer_id" INTEGER, "introduced_id" INTEGER NOT NULL, "meeting_id" INTEGER, "date" DATETIME NOT NULL, "status" TEXT NOT NULL, "note" TEXT NOT NULL, FOREIGN KEY ("introducer_id") REFERENCES "contact" ("id") ON DELETE CASCADE, FOREIGN KEY ("introduced_id") REFERENCES "contact" ("id") ON DELETE CASCADE, FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE SET NULL);
CREATE INDEX "introduction_introducer_id" ON "introduction" ("introducer_id");
CREATE INDEX "introduction_introduced_id" ON "introduction" ("introduced_id");
CREATE INDEX "introduction_meeting_id" ON "introduction" ("meeting_id");
CREATE TABLE "outreach_attempt" ("id" INTEGER NOT NULL PRIMARY KEY, "contact_id" INTEGER NOT NULL, "at" DATETIME NOT NULL, "channel" TEXT NOT NULL, "message" TEXT NOT NULL, "answered" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "outreach_attempt_contact_id" ON "outreach_attempt" ("contact_id");
CREATE TABLE "question" ("id" INTEGER NOT NULL PRIMARY KEY, "text" TEXT NOT NULL, "category" TEXT NOT NULL, "tags" TEXT NOT NULL, "tiers" TEXT NOT NULL, "builtin" INTEGER NOT NULL, "retired" INTEGER NOT NULL, "position" INTEGER NOT NULL, "conclusion" TEXT NOT NULL, "created_at" DATETIME NOT NULL);
CREATE TABLE "meeting_question" ("id" INTEGER NOT NULL PRIMARY KEY, "meeting_id" INTEGER NOT NULL, "question_id" INTEGER, "text" TEXT NOT NULL, "position" INTEGER NOT NULL, "answer" TEXT NOT NULL, "agreement" TEXT NOT NULL, FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE, FOREIGN KEY ("question_id") REFERENCES "question" ("id") ON DELETE SET NULL);
CREATE INDEX "meeting_question_meeting_id" ON "meeting_question" ("meeting_id");
CREATE INDEX "meeting_question_question_id" ON "meeting_question" ("question_id");
CREATE TABLE "action" ("id" INTEGER NOT NULL PRIMARY KEY, "meeting_id" INTEGER, "contact_id" INTEGER, "text" TEXT NOT NULL, "due_at" DATETIME, "done_at" DATETIME, "created_at" DATETIME NOT NULL, FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE, FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE);
CREATE INDEX "action_meeting_id" ON "action" ("meeting_id");
CREATE INDEX "action_contact_id" ON "action" ("contact_id");
CREATE TABLE "import_batch" ("id" INTEGER NOT NULL PRIMARY KEY, "created_at" DATETIME NOT NULL, "source" TEXT NOT NULL, "format" TEXT NOT NULL, "summary" TEXT NOT NULL, "undone_at" DATETIME);
CREATE TABLE "import_change" ("id" INTEGER NOT NULL PRIMARY KEY, "batch_id" INTEGER NOT NULL, "table" TEXT NOT NULL, "row_id" INTEGER NOT NULL, "action" TEXT NOT NULL, "old_values" TEXT NOT NULL, FOREIGN KEY ("batch_id") REFERENCES "import_batch" ("id") ON DELETE CASCADE);
CREATE INDEX "import_change_batch_id" ON "import_change" ("batch_id");
-- Full-text search: one row per contact (rowid = contact.id), kept by triggers.
-- Bulk writes pause the row triggers inside their transaction and index the
-- new rows in one statement (store/bulk.py), which is several times faster.
CREATE TABLE "fts_state" ("paused" INTEGER NOT NULL);
INSERT INTO "fts_state" ("paused") VALUES (0);
CREATE VIRTUAL TABLE "contact_fts" USING fts5(name, organization, title, emails, notes, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
CREATE TRIGGER "contact_fts_ai" AFTER INSERT ON "contact"
  WHEN (SELECT paused FROM fts_state) = 0 BEGIN
  INSERT INTO contact_fts(rowid, name, organization, title, emails, notes)
  SELECT new.id, new.first_name || ' ' || new.last_name,
         coalesce((SELECT name FROM organization WHERE id = new.organization_id), ''),
         new.title,
         coalesce((SELECT group_concat(email, ' ') FROM contact_email WHERE contact_id = new.id), ''),
         new.notes;
END;
CREATE TRIGGER "contact_fts_au" AFTER UPDATE OF first_name, last_name, organization_id, title, notes ON "contact"
  WHEN (SELECT paused FROM fts_state) = 0 BEGIN
  DELETE FROM contact_fts WHERE rowid = old.id;
  INSERT INTO contact_fts(rowid, name, organization, title, emails, notes)
  SELECT new.id, new.first_name || ' ' || new.last_name,
         coalesce((SELECT name FROM organization WHERE id = new.organization_id), ''),
         new.title,
         coalesce((SELECT group_concat(email, ' ') FROM contact_email WHERE contact_id = new.id), ''),
         new.notes;
END;
CREATE TRIGGER "contact_fts_ad" AFTER DELETE ON "contact" BEGIN
  DELETE FROM contact_fts WHERE rowid = old.id;
END;
CREATE TRIGGER "contact_email_fts_ai" AFTER INSERT ON "contact_email"
  WHEN (SELECT paused FROM fts_state) = 0 BEGIN
  UPDATE contact_fts SET emails = coalesce((SELECT group_concat(email, ' ') FROM contact_email WHERE contact_id = new.contact_id), '')
  WHERE rowid = new.contact_id;
END;
CREATE TRIGGER "contact_email_fts_au" AFTER UPDATE ON "contact_email"
  WHEN (SELECT paused FROM fts_state) = 0 BEGIN
  UPDATE contact_fts SET emails = coalesce((SELECT group_concat(email, ' ') FROM contact_email WHERE contact_id = old.contact_id), '')
  WHERE rowid = old.contact_id;
  UPDATE contact_fts SET emails = coalesce((SELECT group_concat(email, ' ') FROM contact_email WHERE contact_id = new.contact_id), '')
  WHERE rowid = new.contact_id;
END;
CREATE TRIGGER "contact_email_fts_ad" AFTER DELETE ON "contact_email"
  WHEN (SELECT paused FROM fts_state) = 0 BEGIN
  UPDATE contact_fts SET emails = coalesce((SELECT group_concat(email, ' ') FROM contact_email WHERE contact_id = old.contact_id), '')
  WHERE rowid = old.contact_id;
END;
CREATE TRIGGER "organization_fts_au" AFTER UPDATE OF name ON "organization" BEGIN
  UPDATE contact_fts SET organization = new.name
  WHERE rowid IN (SELECT id FROM contact WHERE organization_id = new.id);
END;
CREATE TRIGGER "organization_fts_ad" AFTER DELETE ON "organization" BEGIN
  UPDATE contact_fts SET organization = ''
  WHERE rowid IN (SELECT id FROM contact WHERE organization_id = old.id);
END;
