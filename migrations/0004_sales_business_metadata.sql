CREATE TABLE `card_layouts` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`entity` text NOT NULL,
	`layout` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `custom_fields` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`entity` text NOT NULL,
	`business_type_id` text,
	`column_name` text NOT NULL,
	`label` text NOT NULL,
	`type` text NOT NULL,
	`options` text DEFAULT '[]' NOT NULL,
	`required` integer DEFAULT 0 NOT NULL,
	`unique_values` integer DEFAULT 0 NOT NULL,
	`default_value` text,
	`help` text,
	`searchable` integer DEFAULT 0 NOT NULL,
	`indexed` integer DEFAULT 0 NOT NULL,
	`track_history` integer DEFAULT 0 NOT NULL,
	`computed` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	`purged` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `custom_fields_column_uq` ON `custom_fields` (`entity`,`column_name`);--> statement-breakpoint
CREATE INDEX `custom_fields_entity_idx` ON `custom_fields` (`entity`,`deleted`);--> statement-breakpoint
CREATE TABLE `customer_staff` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`employee_id` text NOT NULL,
	`role` text,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_staff_customer_idx` ON `customer_staff` (`customer_id`,`deleted`);--> statement-breakpoint
CREATE TABLE `order_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`order_id` text NOT NULL,
	`product_id` text,
	`product_name` text NOT NULL,
	`quantity_milli` integer NOT NULL,
	`unit_price_fen` integer NOT NULL,
	`discount_bp` integer DEFAULT 0 NOT NULL,
	`amount_fen` integer NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_lines_order_idx` ON `order_lines` (`order_id`,`deleted`);--> statement-breakpoint
CREATE INDEX `order_lines_product_idx` ON `order_lines` (`product_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`order_no` text NOT NULL,
	`order_date` text NOT NULL,
	`owner_id` text,
	`status` text DEFAULT 'confirmed' NOT NULL,
	`discount_fen` integer DEFAULT 0 NOT NULL,
	`total_fen` integer DEFAULT 0 NOT NULL,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `orders_customer_idx` ON `orders` (`customer_id`,`deleted`,`order_date`);--> statement-breakpoint
CREATE INDEX `orders_date_idx` ON `orders` (`deleted`,`order_date`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`code` text,
	`name` text NOT NULL,
	`category` text,
	`unit` text,
	`price_fen` integer DEFAULT 0 NOT NULL,
	`cost_fen` integer,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `products_name_idx` ON `products` (`deleted`,`name`);--> statement-breakpoint
CREATE TABLE `receipts` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`order_id` text,
	`receipt_date` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`method` text,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `receipts_customer_idx` ON `receipts` (`customer_id`,`deleted`,`receipt_date`);--> statement-breakpoint
CREATE TABLE `business_records` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`type_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`contact_id` text,
	`employee_id` text,
	`title` text NOT NULL,
	`status` text NOT NULL,
	`status_changed_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`type_id`) REFERENCES `business_types`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `business_records_type_idx` ON `business_records` (`type_id`,`deleted`,`status`);--> statement-breakpoint
CREATE INDEX `business_records_customer_idx` ON `business_records` (`customer_id`,`type_id`,`deleted`);--> statement-breakpoint
CREATE TABLE `business_types` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`name` text NOT NULL,
	`icon` text,
	`template` text,
	`link_contact` integer DEFAULT 0 NOT NULL,
	`link_staff` integer DEFAULT 0 NOT NULL,
	`statuses` text DEFAULT '[]' NOT NULL,
	`transitions` text DEFAULT '{}' NOT NULL,
	`list_columns` text DEFAULT '[]' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `expense_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`parent_id` text,
	`name` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `expenses` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`record_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`category_id` text NOT NULL,
	`employee_id` text,
	`amount_fen` integer NOT NULL,
	`expense_date` text NOT NULL,
	`note` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`record_id`) REFERENCES `business_records`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `expense_categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `expenses_record_idx` ON `expenses` (`record_id`,`deleted`);--> statement-breakpoint
CREATE INDEX `expenses_customer_idx` ON `expenses` (`customer_id`,`deleted`);--> statement-breakpoint
CREATE INDEX `expenses_category_idx` ON `expenses` (`category_id`);