-- Creates store their record with field names as numbers into log_names ("12" for "customerName")
-- and, when the record's customerId is the entry's own root_id, the key "0" instead of it
-- (changelog/log-codec.ts). The view spells both back out, so every reader (history, undo, field
-- history, purge, sync) sees the record as before; creates written before this version keep their
-- spelled-out keys and read the same.
DROP VIEW `change_log_entries`;--> statement-breakpoint
CREATE VIEW `change_log_entries` AS
SELECT l.n AS n, s.site_id AS site_id, l.seq AS seq, l.hlc AS hlc, l.tx AS tx,
  strftime('%Y-%m-%dT%H:%M:%fZ', l.at / 1000.0, 'unixepoch') AS at,
  u.user_id AS user_id, u.user_name AS user_name,
  CASE l.op WHEN 1 THEN 'create' WHEN 2 THEN 'update' WHEN 3 THEN 'delete' WHEN 4 THEN 'restore' WHEN 5 THEN 'record' WHEN 6 THEN 'purge' END AS op,
  e.name AS entity,
  CASE WHEN typeof(l.entity_id) = 'blob' THEN lower(substr(hex(l.entity_id), 1, 8) || '-' || substr(hex(l.entity_id), 9, 4) || '-' || substr(hex(l.entity_id), 13, 4) || '-' || substr(hex(l.entity_id), 17, 4) || '-' || substr(hex(l.entity_id), 21)) ELSE l.entity_id END AS entity_id,
  CASE WHEN typeof(l.root_id) = 'blob' THEN lower(substr(hex(l.root_id), 1, 8) || '-' || substr(hex(l.root_id), 9, 4) || '-' || substr(hex(l.root_id), 13, 4) || '-' || substr(hex(l.root_id), 17, 4) || '-' || substr(hex(l.root_id), 21)) ELSE l.root_id END AS root_id,
  f.name AS field, l.old_value AS old_value,
  CASE WHEN l.op = 1 AND json_type(l.new_value) = 'object' THEN (
    SELECT json_group_object(
      CASE WHEN j.key = '0' THEN 'customerId' ELSE coalesce(k.name, j.key) END,
      CASE WHEN j.key = '0' THEN CASE WHEN typeof(l.root_id) = 'blob' THEN lower(substr(hex(l.root_id), 1, 8) || '-' || substr(hex(l.root_id), 9, 4) || '-' || substr(hex(l.root_id), 13, 4) || '-' || substr(hex(l.root_id), 17, 4) || '-' || substr(hex(l.root_id), 21)) ELSE l.root_id END
           WHEN j.type = 'true' THEN json('true') WHEN j.type = 'false' THEN json('false')
           WHEN j.type IN ('object', 'array') THEN json(j.value) ELSE j.value END)
    FROM json_each(l.new_value) j
    LEFT JOIN log_names k ON j.key GLOB '[1-9]*' AND k.n = CAST(j.key AS INTEGER)
  ) ELSE l.new_value END AS new_value,
  l.undo_of AS undo_of,
  l.effective_date AS effective_date, src.name AS source
FROM change_log l
JOIN log_sites s ON s.n = l.site
JOIN log_users u ON u.n = l.user
JOIN log_names e ON e.n = l.entity
LEFT JOIN log_names f ON f.n = l.field
LEFT JOIN log_names src ON src.n = l.source;
