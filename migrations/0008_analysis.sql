CREATE TABLE `app_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `classification_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`scheme_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`class` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `classification_schemes` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`name` text NOT NULL,
	`definition` text NOT NULL,
	`sets_customer_class` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `classification_snapshots` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`scheme_id` text NOT NULL,
	`period` text NOT NULL,
	`customer_id` text NOT NULL,
	`class` text NOT NULL,
	`metrics` text DEFAULT '{}' NOT NULL,
	`overridden` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `classification_snapshots_run_idx` ON `classification_snapshots` (`scheme_id`,`period`,`class`);--> statement-breakpoint
CREATE INDEX `classification_snapshots_customer_idx` ON `classification_snapshots` (`customer_id`,`scheme_id`);--> statement-breakpoint
CREATE INDEX `orders_report_idx` ON `orders` (`deleted`,`status`,`customer_id`,`order_date`,`total_fen`);