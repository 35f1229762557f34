-- Issue 18, scopes: the 门店 field, HQ's record of which customers each store holds, the bundle number
-- each partner acknowledged; the log's new operation 'evict' (code 7) spelled out by the view.
CREATE TABLE `sync_scope_members` (
	`partner_id` integer NOT NULL,
	`customer_id` text NOT NULL,
	`held` integer NOT NULL,
	`changed_in` integer NOT NULL,
	PRIMARY KEY(`partner_id`, `customer_id`),
	FOREIGN KEY (`partner_id`) REFERENCES `sync_partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `customers` ADD `store_code` text;--> statement-breakpoint
CREATE INDEX `customers_store_idx` ON `customers` (`deleted`,`store_code`);--> statement-breakpoint
ALTER TABLE `sync_bundles` ADD `removed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_partners` ADD `their_received` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
DROP VIEW `change_log_entries`;--> statement-breakpoint
CREATE VIEW `change_log_entries` AS
SELECT l.n AS n, s.site_id AS site_id, l.seq AS seq, l.hlc AS hlc, l.tx AS tx,
  strftime('%Y-%m-%dT%H:%M:%fZ', l.at / 1000.0, 'unixepoch') AS at,
  u.user_id AS user_id, u.user_name AS user_name,
  CASE l.op WHEN 1 THEN 'create' WHEN 2 THEN 'update' WHEN 3 THEN 'delete' WHEN 4 THEN 'restore' WHEN 5 THEN 'record' WHEN 6 THEN 'purge' WHEN 7 THEN 'evict' END AS op,
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
