CREATE INDEX `departments_parent_idx` ON `departments` (`parent_id`) WHERE "departments"."parent_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `receipts_order_idx` ON `receipts` (`order_id`) WHERE "receipts"."order_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `sync_conflicts_root_idx` ON `sync_conflicts` (`root_id`) WHERE "sync_conflicts"."root_id" IS NOT NULL;