-- Quick search's FTS5 index keeps new terms in memory until this many bytes (default 1 MB), then
-- writes them as a segment that later merges cost CPU again. A big import or demo generation adds
-- millions of terms in one transaction; 16 MB made the index's share of it about a quarter
-- cheaper (docs/performance.md). Ordinary edits commit long before the table fills, so they are
-- unaffected. The setting is stored in the index's own config table.
INSERT INTO `customer_search` (`customer_search`, `rank`) VALUES ('hashsize', 16777216);
