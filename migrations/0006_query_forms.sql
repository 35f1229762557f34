CREATE TABLE `query_forms` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`entity` text NOT NULL,
	`fields` text DEFAULT '[]' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL
);
