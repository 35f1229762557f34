DROP INDEX `customers_region_idx`;--> statement-breakpoint
DROP INDEX `customers_class_idx`;--> statement-breakpoint
CREATE INDEX `customers_code_idx` ON `customers` (`deleted`,`code`);--> statement-breakpoint
CREATE INDEX `customers_province_idx` ON `customers` (`deleted`,`province`);--> statement-breakpoint
CREATE INDEX `customers_city_idx` ON `customers` (`deleted`,`city`);--> statement-breakpoint
CREATE INDEX `customers_lifecycle_idx` ON `customers` (`deleted`,`lifecycle`);--> statement-breakpoint
CREATE INDEX `customers_relationship_idx` ON `customers` (`deleted`,`relationship_level`);--> statement-breakpoint
CREATE INDEX `customers_class_idx` ON `customers` (`deleted`,`class`);