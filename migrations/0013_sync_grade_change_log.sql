CREATE TABLE `log_clock` (
	`id` integer PRIMARY KEY NOT NULL,
	`hlc` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `log_names` (
	`n` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `log_names_name_unique` ON `log_names` (`name`);--> statement-breakpoint
CREATE TABLE `log_sites` (
	`n` integer PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `log_sites_site_id_unique` ON `log_sites` (`site_id`);--> statement-breakpoint
CREATE TABLE `log_users` (
	`n` integer PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`user_name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `log_users_uq` ON `log_users` (`user_id`,`user_name`);--> statement-breakpoint
DROP INDEX `change_log_root_idx`;--> statement-breakpoint
DROP INDEX `change_log_entity_idx`;--> statement-breakpoint
DROP INDEX `change_log_tx_idx`;--> statement-breakpoint
DROP INDEX `change_log_undo_idx`;--> statement-breakpoint
-- The old rows are converted by src-main/changelog/legacy-log.ts right after this migration (uuid
-- text to blobs, text stamps to integers, per-site numbers), in stamp order (change_log_hlc_idx
-- stays for that), then this table is dropped.
ALTER TABLE `change_log` RENAME TO `change_log_v1`;--> statement-breakpoint
CREATE TABLE `change_log` (
	`n` integer PRIMARY KEY NOT NULL,
	`site` integer NOT NULL,
	`seq` integer NOT NULL,
	`hlc` integer NOT NULL,
	`tx` integer NOT NULL,
	`at` integer NOT NULL,
	`user` integer NOT NULL,
	`op` integer NOT NULL,
	`entity` integer NOT NULL,
	`entity_id` blob NOT NULL,
	`root_id` blob,
	`field` integer,
	`old_value` text,
	`new_value` text,
	`undo_of` integer,
	`effective_date` text,
	`source` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `change_log_site_seq_uq` ON `change_log` (`site`,`seq`);--> statement-breakpoint
CREATE INDEX `change_log_root_idx` ON `change_log` (`root_id`);--> statement-breakpoint
CREATE INDEX `change_log_entity_idx` ON `change_log` (`entity_id`,`field`);--> statement-breakpoint
CREATE INDEX `change_log_undo_idx` ON `change_log` (`undo_of`) WHERE undo_of IS NOT NULL;--> statement-breakpoint
-- The log spelled out (names, uuid text, ISO times), for reading by people, tests and tools. The
-- app's own reads filter on change_log's indexes (encoded ids) and read rows from here by n.
CREATE VIEW `change_log_entries` AS
SELECT l.n AS n, s.site_id AS site_id, l.seq AS seq, l.hlc AS hlc, l.tx AS tx,
  strftime('%Y-%m-%dT%H:%M:%fZ', l.at / 1000.0, 'unixepoch') AS at,
  u.user_id AS user_id, u.user_name AS user_name,
  CASE l.op WHEN 1 THEN 'create' WHEN 2 THEN 'update' WHEN 3 THEN 'delete' WHEN 4 THEN 'restore' WHEN 5 THEN 'record' WHEN 6 THEN 'purge' END AS op,
  e.name AS entity,
  CASE WHEN typeof(l.entity_id) = 'blob' THEN lower(substr(hex(l.entity_id), 1, 8) || '-' || substr(hex(l.entity_id), 9, 4) || '-' || substr(hex(l.entity_id), 13, 4) || '-' || substr(hex(l.entity_id), 17, 4) || '-' || substr(hex(l.entity_id), 21)) ELSE l.entity_id END AS entity_id,
  CASE WHEN typeof(l.root_id) = 'blob' THEN lower(substr(hex(l.root_id), 1, 8) || '-' || substr(hex(l.root_id), 9, 4) || '-' || substr(hex(l.root_id), 13, 4) || '-' || substr(hex(l.root_id), 17, 4) || '-' || substr(hex(l.root_id), 21)) ELSE l.root_id END AS root_id,
  f.name AS field, l.old_value AS old_value, l.new_value AS new_value, l.undo_of AS undo_of,
  l.effective_date AS effective_date, src.name AS source
FROM change_log l
JOIN log_sites s ON s.n = l.site
JOIN log_users u ON u.n = l.user
JOIN log_names e ON e.n = l.entity
LEFT JOIN log_names f ON f.n = l.field
LEFT JOIN log_names src ON src.n = l.source;