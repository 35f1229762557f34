import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { followedFacts, salesFacts } from '../../../src-main/analysis/facts/facts-cache';
import { FACTS_LIMITS } from '../../../src-main/analysis/facts/sales-facts';
import { createCustomer } from '../../../src-main/services/customers/customer-service';
import { createOrder } from '../../../src-main/services/sales/order-service';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// The query worker follows the facts file the report worker saves: it never reads the orders
// itself, so it has no facts before the first file, gives them up when it falls too far behind,
// and picks up the next file the report worker writes.

describe('followed sales facts', () => {
  it('come only from the saved file, follow small changes, and wait for a newer file after large ones', () => {
    const { ws, dir, cleanup } = tempWorkspace();
    const cacheDir = join(dir, 'data');
    const saved = { ...FACTS_LIMITS };
    try {
      const customer = createCustomer(ws, testUser, { name: '宁波海鲜行' }).id;
      const order = () =>
        createOrder(ws, testUser, {
          customerId: customer,
          orderDate: '2026-11-20',
          lines: [{ productName: '带鱼', quantityMilli: 1000, unitPriceFen: 5_000 }],
        });
      order();
      expect(followedFacts(ws, cacheDir)).toBeNull();

      salesFacts(ws, { cacheDir }); // the report worker's first read writes the file
      expect(followedFacts(ws, cacheDir)?.orderCount).toBe(1);

      order();
      expect(followedFacts(ws, cacheDir)?.orderCount).toBe(2);

      // Past the limit a refresh would read everything again: a follower gives up instead.
      Object.assign(FACTS_LIMITS, { rebuildAfterOrderChanges: 2 });
      for (let i = 0; i < 3; i += 1) order();
      expect(followedFacts(ws, cacheDir)).toBeNull();
      expect(followedFacts(ws, cacheDir)).toBeNull(); // same file: still nothing to follow

      salesFacts(ws, { cacheDir }); // the report worker rebuilds and saves a newer file
      expect(followedFacts(ws, cacheDir)?.orderCount).toBe(5);
    } finally {
      Object.assign(FACTS_LIMITS, saved);
      cleanup();
    }
  });
});
