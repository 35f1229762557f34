CREATE TABLE `favourite_folders` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`name` text NOT NULL,
	`entity` text NOT NULL,
	`owner_user_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `favourite_items` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`folder_id` text NOT NULL,
	`item_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`folder_id`) REFERENCES `favourite_folders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `favourite_items_uq` ON `favourite_items` (`folder_id`,`item_id`);--> statement-breakpoint
CREATE INDEX `favourite_items_item_idx` ON `favourite_items` (`item_id`,`folder_id`);--> statement-breakpoint
CREATE TABLE `saved_queries` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`name` text NOT NULL,
	`entity` text NOT NULL,
	`definition` text NOT NULL,
	`shared` integer DEFAULT 0 NOT NULL,
	`pinned` integer DEFAULT 0 NOT NULL,
	`owner_user_id` text NOT NULL,
	`owner_name` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `saved_queries_owner_idx` ON `saved_queries` (`owner_user_id`);