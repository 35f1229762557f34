import type { ExtrasMessages } from './extras.zh-CN';

/** Texts of contact and order custom fields, the products catalogue and customer list grouping. Same keys as `extras.zh-CN.ts`. */
export const extrasEn: ExtrasMessages = {
  extras: {
    nav: { products: 'Products' },
    custom: { section: 'Custom fields', requiredHint: '* required' },
    products: {
      title: 'Products catalogue',
      search: 'Search products by name or code',
      add: 'New product',
      newTitle: 'New product',
      editTitle: 'Edit product “{{name}}”',
      code: 'Product code',
      name: 'Product name',
      category: 'Category',
      unit: 'Unit',
      price: 'Price (CNY)',
      cost: 'Cost (CNY)',
      notes: 'Notes',
      empty: 'No products yet. Click “New product” to add one.',
      noMatch: 'No products match.',
      count: '{{n}} products',
      saved: 'Product “{{name}}” saved.',
      deleted: 'Product “{{name}}” deleted.',
      confirmDelete: 'Delete product “{{name}}”? Names and prices on existing orders stay as they are.',
      duplicateCode: 'Another product has this code',
      moneyInvalid: 'Enter an amount, e.g. 1280 or 1,280.50',
    },
    group: {
      button: 'Group',
      title: 'Grouped totals',
      level1: 'Group by',
      level2: 'then by',
      measures: 'Totals',
      noGrouping: 'No grouping',
      off: 'Ungroup',
      hint: 'Click a group name to see its customers.',
      open: 'Show the customers in “{{label}}”',
      createdMonth: 'Month created',
      measure: { orderTotalFen: 'Orders total', receivedFen: 'Received', orderCount: 'Order count', relationshipLevel: 'Relationship level' },
    },
  },
};
