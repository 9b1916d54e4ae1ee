-- A callback row is written once with its payload and then updated once or twice, within
-- moments: made its queue's head (WAITING to PENDING) and finished (DELIVERED or DEAD), and
-- leased again only when a try is claimed. With full pages the new version went to another
-- page, and PostgreSQL then logs the whole row again, payload included; a version that stays
-- on its page is logged as the bytes that changed (the state, the counters and the times,
-- which follow the payload in the row). Room on each page keeps the updates there; page
-- pruning gives the room of the old versions back. Only pages written from now on are
-- affected.
alter table callback_delivery set (fillfactor = 70);

-- Nothing looks an attempt up by its id: the delivery log reads a delivery's attempts through
-- callback_attempt_delivery, and nothing refers to an attempt. The ids are random, so each
-- try's entry in the primary key's index went to a page of its own, logged whole the first
-- time it was written after each checkpoint. The ids stay, unindexed, as the tie-break of the
-- log's order.
alter table callback_attempt drop constraint callback_attempt_pkey;

-- A try wrote an attempt row (and its index entry) beside the update of its callback's row,
-- four of each a sale. A callback's latest try now stays in its row (last_attempt_at,
-- last_status_code, last_error, last_duration_ms) and becomes an attempt row only when a later
-- try replaces it, so a callback delivered at its first try writes no attempt row. The delivery
-- log lists the attempt rows and then the try in the row. Rows written before have
-- last_attempt_at null: each of their tries already has its attempt row, and their next try
-- adds none for the one before.
alter table callback_delivery add column last_attempt_at timestamptz, add column last_duration_ms int;

-- From V24 on, a callback's payload leaves out what its row's columns already hold (the
-- payment's id, the event id, the type and the status: about 190 of its 540 bytes); the
-- server puts them back when it reads the row (CallbackOutbox.Stored). Rows written before
-- keep them, and reading ignores them there, so nothing is rewritten.
