-- Rooms owned by one instance (docs/operations.md, "A whole university"). The balancer sends each room's
-- clients to one instance; these tables say which instances hold which rooms, so an update is announced
-- on `plenum_sync` only when another instance holds its room, and a room's new owner can tell the old one.

-- Running instances. Each one says it is alive every few seconds; one not heard from for a while is
-- dead (kill -9, a lost machine) and any instance removes it, with the rooms it held.
CREATE TABLE sync_instances (
  id          uuid PRIMARY KEY,
  -- What operators call it (host:port, or the container's name).
  name        text NOT NULL,
  started_at  timestamptz NOT NULL DEFAULT now(),
  seen_at     timestamptz NOT NULL DEFAULT now()
);

-- Which instances hold a room in memory. The one that claimed it last owns it: the balancer sent it the
-- room's newest client.
CREATE TABLE sync_room_holders (
  room        text NOT NULL,
  instance    uuid NOT NULL REFERENCES sync_instances (id) ON DELETE CASCADE,
  claimed_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (room, instance)
);
CREATE INDEX sync_room_holders_instance_idx ON sync_room_holders (instance);

-- sync_append as in 002, but it notifies `plenum_sync` only when an instance other than the writer
-- (`p_instance`; NULL for a script or the import worker, which hold no rooms) holds the room. The
-- holders are read after the room's row lock is taken, and an instance that starts holding a room
-- takes the same lock before it reads the room (server/sync/room-ownership.ts): an append either sees
-- the new holder, or committed before the holder read the room.
DROP FUNCTION sync_append(text[], bytea[], uuid[]);
CREATE FUNCTION sync_append(p_rooms text[], p_updates bytea[], p_users uuid[], p_instance uuid DEFAULT NULL)
RETURNS TABLE (ordinal bigint, seq bigint, notified boolean)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_room text;
  v_count bigint;
  v_head bigint;
  v_notify boolean;
BEGIN
  FOR v_room, v_count IN
    SELECT r, count(*) FROM unnest(p_rooms) AS t(r) GROUP BY r ORDER BY r
  LOOP
    INSERT INTO sync_rooms AS s (name, head) VALUES (v_room, v_count)
      ON CONFLICT (name) DO UPDATE SET head = s.head + v_count
      RETURNING s.head INTO v_head;
    v_notify := EXISTS (
      SELECT 1 FROM sync_room_holders h
      WHERE h.room = v_room AND h.instance IS DISTINCT FROM p_instance);
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
      SELECT batch.ord, batch.n, v_notify FROM batch;
    IF v_notify THEN
      PERFORM pg_notify('plenum_sync', v_room || ' ' || v_head);
    END IF;
  END LOOP;
END
$$;
