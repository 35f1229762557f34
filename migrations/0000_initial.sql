CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `customers` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`site_id` text NOT NULL,
	`name` text NOT NULL,
	`sort_key` text NOT NULL,
	`short_name` text,
	`code` text,
	`kind` text DEFAULT 'company' NOT NULL,
	`industry` text,
	`province` text,
	`city` text,
	`district` text,
	`address` text,
	`phones` text DEFAULT '[]' NOT NULL,
	`email` text,
	`website` text,
	`source` text,
	`owner_id` text,
	`class` text,
	`lifecycle` text DEFAULT 'prospect' NOT NULL,
	`relationship_level` integer,
	`color_label` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_id_uq` ON `customers` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `customers_code_uq` ON `customers` (`code`) WHERE "customers"."code" IS NOT NULL AND "customers"."deleted" = 0;--> statement-breakpoint
CREATE INDEX `customers_sort_key_idx` ON `customers` (`deleted`,`sort_key`);--> statement-breakpoint
CREATE INDEX `customers_updated_idx` ON `customers` (`deleted`,`updated_at`);--> statement-breakpoint
CREATE INDEX `customers_created_idx` ON `customers` (`deleted`,`created_at`);--> statement-breakpoint
CREATE INDEX `customers_class_idx` ON `customers` (`deleted`,`class`,`sort_key`);--> statement-breakpoint
CREATE INDEX `customers_region_idx` ON `customers` (`deleted`,`province`,`city`);--> statement-breakpoint
CREATE INDEX `customers_industry_idx` ON `customers` (`deleted`,`industry`);--> statement-breakpoint
CREATE INDEX `customers_owner_idx` ON `customers` (`owner_id`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`department_id` text,
	`name` text NOT NULL,
	`title` text,
	`mobile` text,
	`phone` text,
	`email` text,
	`birthday` text,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contacts_customer_idx` ON `contacts` (`customer_id`);--> statement-breakpoint
CREATE INDEX `contacts_department_idx` ON `contacts` (`department_id`);--> statement-breakpoint
CREATE TABLE `departments` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`parent_id` text,
	`name` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `departments_customer_idx` ON `departments` (`customer_id`);--> statement-breakpoint
CREATE TABLE `employees` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`name` text NOT NULL,
	`title` text,
	`mobile` text,
	`email` text,
	`active` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `change_log` (
	`id` text PRIMARY KEY NOT NULL,
	`hlc` text NOT NULL,
	`tx_id` text NOT NULL,
	`at` text NOT NULL,
	`site_id` text NOT NULL,
	`user_id` text NOT NULL,
	`user_name` text NOT NULL,
	`op` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`root_id` text,
	`field` text,
	`old_value` text,
	`new_value` text,
	`undo_of` text,
	`source` text
);
--> statement-breakpoint
CREATE INDEX `change_log_root_idx` ON `change_log` (`root_id`,`hlc`);--> statement-breakpoint
CREATE INDEX `change_log_entity_idx` ON `change_log` (`entity`,`entity_id`,`hlc`);--> statement-breakpoint
CREATE INDEX `change_log_hlc_idx` ON `change_log` (`hlc`);--> statement-breakpoint
CREATE INDEX `change_log_tx_idx` ON `change_log` (`tx_id`);--> statement-breakpoint
CREATE INDEX `change_log_undo_idx` ON `change_log` (`undo_of`);