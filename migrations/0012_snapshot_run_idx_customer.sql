DROP INDEX `classification_snapshots_run_idx`;--> statement-breakpoint
CREATE INDEX `classification_snapshots_run_idx` ON `classification_snapshots` (`scheme_id`,`period`,`class`,`customer_id`);