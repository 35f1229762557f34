import type { uxZhCN } from './ux.zh-CN';

/** English for ux.zh-CN.ts (same keys). */
export const uxEn: typeof uxZhCN = {
  ux: {
    search: {
      count: '{{n}} matches',
      countCapped: '{{n}}+ matches',
      showAll: 'Show all',
      filter: 'Results for “{{q}}”',
      clearFilter: 'Show all customers',
    },
    order: {
      quantityRequired: 'Enter a quantity',
      quantityPositive: 'The quantity must be more than 0',
      quantityFormat: 'The quantity must be a number with at most three decimals',
      priceInvalid: 'The unit price must be an amount of 0 or more',
      discountInvalid: 'The discount must be between 0 and 10 (折), e.g. 9.5',
      fixLines: 'Some order lines need correcting (marked in red); the order has not been saved.',
    },
    date: {
      placeholder: 'e.g. 2024-03-12',
      pick: 'Pick from a calendar',
      orderDateQuestion:
        'The order date is {{date}}, far from today (blank dates often become 1900-01-01, or the year was mistyped). Save it with this date?',
    },
    expense: {
      add: 'Add an expense',
      title: 'Add an expense',
      record: 'Business record it belongs to',
      newRecord: 'New “{{type}}” record',
      recordTitle: 'Title of the new record',
      defaultTitle: 'Expense {{date}}',
      noTypes: 'Expenses belong to business records (visits, opportunities, …). Create a business type first under Settings → Business types.',
      noCategories: 'Create an expense category first under Settings → Expense categories.',
      amountRequired: 'Enter an amount above 0',
      saved: 'Expense saved.',
      newTypeRecord: 'New “{{type}}” record (creates this business type)',
      newTypeHint: 'Saving creates the business type “{{type}}” (editable under Settings → Business types).',
      newCategory: '+ New expense category…',
      newCategoryName: 'Name of the new category, e.g. Travel',
    },
    contactFav: { title: 'Add this contact to favourites' },
  },
};
