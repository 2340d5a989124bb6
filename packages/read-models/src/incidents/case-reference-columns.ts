/**
 * Migration: the case reference (`INC-2026-00123`, `REV-2026-00045`) on the incidents, Panel queue and reviews read
 * models, unique where set, so a lookup by reference is one index probe. Rows projected before this column start
 * empty; the projector fills them from the log (the notification or commissioning event carries the reference, and
 * the start-up backfill allocates one for anything older).
 */
export const CASE_REFERENCE_COLUMNS_SQL = `
alter table read_models.incidents add column if not exists reference text;
create unique index if not exists incidents_reference on read_models.incidents (reference) where reference is not null;
alter table read_models.panel_queue add column if not exists reference text;
alter table read_models.reviews add column if not exists reference text;
create unique index if not exists reviews_reference on read_models.reviews (reference) where reference is not null;
`;
