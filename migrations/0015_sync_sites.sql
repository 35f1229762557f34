CREATE TABLE `sync_bundles` (
	`id` integer PRIMARY KEY NOT NULL,
	`direction` text NOT NULL,
	`partner_id` integer NOT NULL,
	`number` integer NOT NULL,
	`at` text NOT NULL,
	`changes` integer NOT NULL,
	`applied` integer NOT NULL,
	`conflicts` integer DEFAULT 0 NOT NULL,
	`duration_ms` integer NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `sync_partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sync_conflicts` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`root_id` text,
	`field` text,
	`kept_value` text,
	`lost_value` text,
	`kept_site_id` text NOT NULL,
	`kept_user` text NOT NULL,
	`kept_at` text NOT NULL,
	`lost_site_id` text NOT NULL,
	`lost_user` text NOT NULL,
	`lost_at` text NOT NULL,
	`detected_at` text NOT NULL,
	`resolution` text,
	`resolved_at` text
);
--> statement-breakpoint
CREATE TABLE `sync_partners` (
	`id` integer PRIMARY KEY NOT NULL,
	`site_id` text,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`sign_public` text,
	`box_public` text,
	`invite_secret` text,
	`scope` text NOT NULL,
	`revoked_at` text,
	`created_at` text NOT NULL,
	`sent_number` integer DEFAULT 0 NOT NULL,
	`received_number` integer DEFAULT 0 NOT NULL,
	`their_ack` text DEFAULT '{}' NOT NULL,
	`held_from` text DEFAULT '{}' NOT NULL,
	`last_sent_at` text,
	`last_received_at` text,
	`folder` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_partners_site_id_unique` ON `sync_partners` (`site_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `sync_partners_code_unique` ON `sync_partners` (`code`);--> statement-breakpoint
CREATE TABLE `sync_site` (
	`id` integer PRIMARY KEY NOT NULL,
	`network_id` text NOT NULL,
	`role` text NOT NULL,
	`name` text NOT NULL,
	`sign_public` text NOT NULL,
	`sign_private` text NOT NULL,
	`box_public` text NOT NULL,
	`box_private` text NOT NULL,
	`joined_at` text NOT NULL
);
