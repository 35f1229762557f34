DROP INDEX `orders_customer_idx`;--> statement-breakpoint
DROP INDEX `orders_date_idx`;--> statement-breakpoint
CREATE INDEX `orders_customer_idx` ON `orders` (`customer_id`,`deleted`,`order_date`,`status`,`total_fen`);--> statement-breakpoint
CREATE INDEX `orders_date_idx` ON `orders` (`deleted`,`order_date`,`status`,`customer_id`,`total_fen`);