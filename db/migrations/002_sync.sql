-- Yjs rooms, persisted as a snapshot plus a log of updates (docs/sync.md).

CREATE TABLE sync_rooms (
  name          text PRIMARY KEY,
  -- The last sequence number given to an update of this room; rows are numbered 1, 2, 3, … per room.
  head          bigint NOT NULL DEFAULT 0,
  -- The room's state up to snapshot_seq (a Yjs update), or NULL before the first compaction.
  snapshot      bytea,
  snapshot_seq  bigint NOT NULL DEFAULT 0,
  compacted_at  timestamptz
);

CREATE TABLE yjs_updates (
  room        text NOT NULL,
  seq         bigint NOT NULL,
  update      bytea NOT NULL,
  user_id     uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (room, seq)
);

-- Which member first wrote with each Yjs client id in a room, so nobody can write with another's id.
CREATE TABLE sync_client_owners (
  room       text NOT NULL,
  client_id  bigint NOT NULL,
  user_id    uuid NOT NULL,
  PRIMARY KEY (room, client_id)
);

-- Appends a batch of updates (any rooms, in arrival order) in one statement: per room, in name order
-- (so concurrent batches cannot deadlock), it takes the room's row lock, numbers the room's updates
-- after its head, inserts them, and notifies `plenum_sync` with "<room> <head>". The row lock is held
-- to commit, so a room's sequence numbers become visible in order. Returns each input's number.
CREATE FUNCTION sync_append(p_rooms text[], p_updates bytea[], p_users uuid[])
RETURNS TABLE (ordinal bigint, seq bigint)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_room text;
  v_count bigint;
  v_head bigint;
BEGIN
  FOR v_room, v_count IN
    SELECT r, count(*) FROM unnest(p_rooms) AS t(r) GROUP BY r ORDER BY r
  LOOP
    INSERT INTO sync_rooms AS s (name, head) VALUES (v_room, v_count)
      ON CONFLICT (name) DO UPDATE SET head = s.head + v_count
      RETURNING s.head INTO v_head;
    RETURN QUERY
      WITH batch AS (
        SELECT u.ord, v_head - v_count + row_number() OVER (ORDER BY u.ord) AS n, u.upd, u.usr
        FROM unnest(p_rooms, p_updates, p_users) WITH ORDINALITY AS u(rm, upd, usr, ord)
        WHERE u.rm = v_room
      ), inserted AS (
        INSERT INTO yjs_updates (room, seq, update, user_id)
        SELECT v_room, n, upd, usr FROM batch
        RETURNING 1
      )
      -- (a data-modifying WITH runs to completion whether or not it is read)
      SELECT batch.ord, batch.n FROM batch;
    PERFORM pg_notify('plenum_sync', v_room || ' ' || v_head);
  END LOOP;
END
$$;
