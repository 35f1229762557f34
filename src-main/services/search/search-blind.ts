// Which of quick search's sources a caller may not see in clear (hidden or masked by their role's
// field rules, people/field-search.ts), as bits: 0 — the usual case — means the search index's
// answer stands as it is; otherwise each candidate is re-checked against the other sources
// (search-visibility.ts), so a hidden phone, code or e-mail cannot be found by typing it.

export const SEARCH_BLIND = {
  name: 1,
  shortName: 2,
  code: 4,
  email: 8,
  phones: 16,
  contactName: 32,
  contactMobile: 64,
  contactPhone: 128,
} as const;

export type SearchSourceName = keyof typeof SEARCH_BLIND;

/** The sources of one contact, as a bit mask. */
export const CONTACT_SOURCES = SEARCH_BLIND.contactName | SEARCH_BLIND.contactMobile | SEARCH_BLIND.contactPhone;
