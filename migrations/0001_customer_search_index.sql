-- Quick search over name, short name, code, phones, e-mail, contact names and their pinyin.
-- Contentless FTS5: main builds each document (CJK bigrams, ASCII trigrams, see
-- src-main/services/search/search-document.ts) and keys it by customers.seq.
CREATE VIRTUAL TABLE `customer_search` USING fts5(
	`doc`,
	content='',
	contentless_delete=1,
	tokenize='unicode61 remove_diacritics 0',
	prefix='1 2'
);
