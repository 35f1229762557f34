DROP INDEX `customers_owner_idx`;--> statement-breakpoint
CREATE INDEX `customers_owner_deleted_idx` ON `customers` (`owner_id`,`deleted`,`id`);--> statement-breakpoint
CREATE INDEX `customer_staff_employee_idx` ON `customer_staff` (`employee_id`);--> statement-breakpoint
CREATE INDEX `audit_events_action_idx` ON `audit_events` (`action`,`id`);--> statement-breakpoint
CREATE INDEX `audit_events_customer_idx` ON `audit_events` (`customer_id`,`id`);