-- Schema 3, frozen: sorting the contact table on any column, and the undo log. Never edit; add a step.
ALTER TABLE "contact" ADD COLUMN "org_sort" TEXT NOT NULL DEFAULT '';
UPDATE "contact" SET "org_sort" = coalesce((SELECT lower(o.name) FROM organization o WHERE o.id = contact.organization_id), '');
CREATE TRIGGER "contact_org_sort_ai" AFTER INSERT ON "contact"
  WHEN new.organization_id IS NOT NULL BEGIN
  UPDATE contact SET org_sort = coalesce((SELECT lower(name) FROM organization WHERE id = new.organization_id), '')
  WHERE id = new.id;
END;
CREATE TRIGGER "contact_org_sort_au" AFTER UPDATE OF organization_id ON "contact" BEGIN
  UPDATE contact SET org_sort = coalesce((SELECT lower(name) FROM organization WHERE id = new.organization_id), '')
  WHERE id = new.id;
END;
CREATE TRIGGER "organization_org_sort_au" AFTER UPDATE OF name ON "organization" BEGIN
  UPDATE contact SET org_sort = lower(new.name) WHERE organization_id = new.id;
END;
CREATE INDEX "contact_live_org_sort" ON "contact" ("org_sort", "id") WHERE deleted_at IS NULL;
CREATE INDEX "contact_live_title" ON "contact" ("title", "id") WHERE deleted_at IS NULL;
CREATE INDEX "contact_live_industry" ON "contact" ("industry", "id") WHERE deleted_at IS NULL;
CREATE INDEX "contact_live_location" ON "contact" ("location", "id") WHERE deleted_at IS NULL;
CREATE INDEX "contact_trashed" ON "contact" ("deleted_at", "id") WHERE deleted_at IS NOT NULL;
CREATE TABLE "undo_step" ("id" INTEGER NOT NULL PRIMARY KEY, "label" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "undone_at" DATETIME);
CREATE TABLE "undo_row" ("id" INTEGER NOT NULL PRIMARY KEY, "step_id" INTEGER NOT NULL, "tbl" TEXT NOT NULL, "row_id" INTEGER NOT NULL, "op" TEXT NOT NULL, "before" TEXT NOT NULL, FOREIGN KEY ("step_id") REFERENCES "undo_step" ("id") ON DELETE CASCADE);
CREATE INDEX "undo_row_step_id" ON "undo_row" ("step_id", "tbl", "op");
