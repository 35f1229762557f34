DROP INDEX `classification_snapshots_run_idx`;--> statement-breakpoint
DROP INDEX `classification_snapshots_customer_idx`;--> statement-breakpoint
CREATE INDEX `classification_snapshots_run_idx` ON `classification_snapshots` (`scheme_id`,`period`,`class`,`customer_id`);--> statement-breakpoint
CREATE INDEX `classification_snapshots_customer_idx` ON `classification_snapshots` (`customer_id`,`scheme_id`,`period`,`class`);