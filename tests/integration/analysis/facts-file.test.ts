import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { customerTotals } from '../../../src-main/analysis/facts/customer-totals';
import { factsFile, salesFacts } from '../../../src-main/analysis/facts/facts-cache';
import { loadFacts, saveFacts } from '../../../src-main/analysis/facts/facts-file';
import { SalesFacts } from '../../../src-main/analysis/facts/sales-facts';
import { openWorkspace } from '../../../src-main/db/open-workspace';
import type { Workspace } from '../../../src-main/db/workspace';
import { createCustomer, updateCustomer } from '../../../src-main/services/customers/customer-service';
import { createOrder, deleteOrder } from '../../../src-main/services/sales/order-service';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// The sales facts saved to the data folder: read back whole, they must be what a full read gives,
// and stay so through later writes; a file that does not fit is ignored, never trusted.

function sell(ws: Workspace, customerId: string, date: string, yuan: number): string {
  return createOrder(ws, testUser, {
    customerId,
    orderDate: date,
    status: 'confirmed',
    lines: [{ productName: '货品', quantityMilli: 1000, unitPriceFen: yuan * 100 }],
  }).id;
}

function fill(ws: Workspace): string[] {
  const ids = ['华南贸易', '东方电子', '北方机械'].map(
    (name, i) => createCustomer(ws, testUser, { name, customerClass: ['A', 'B', null][i], province: '广东省' }).id,
  );
  ids.forEach((id, i) => {
    sell(ws, id, '2026-03-01', 100 * (i + 1));
    sell(ws, id, '2026-05-01', 50);
  });
  return ids;
}

/** What the reports read from the facts, comparable with toEqual. */
function picture(f: SalesFacts) {
  const t = customerTotals(f, 20_000, 21_000);
  return {
    ids: f.customerIds.slice(0, f.customerCount),
    classes: Array.from(f.customerClass.subarray(0, f.customerCount), (c) => f.classes.values[c]),
    revenue: Array.from(t.windowRevenue),
    orders: Array.from(t.windowOrders),
    last: Array.from(t.lastUpTo),
    // Each customer's chain of orders, as the query builder walks it.
    chains: Array.from({ length: f.customerCount }, (_, c) => {
      const rowids: number[] = [];
      for (let o = f.customerHead[c] as number; o >= 0; o = f.orderNext[o] as number) rowids.push(f.orderRowid[o] as number);
      return rowids.sort((a, b) => a - b);
    }),
  };
}

const fresh = (ws: Workspace) => {
  const f = new SalesFacts();
  f.refresh(ws);
  return f;
};

describe('sales facts file', () => {
  it('reads back what was saved, and follows the writes made since', () => {
    const { ws, dir, cleanup } = tempWorkspace();
    try {
      const ids = fill(ws);
      const file = join(dir, 'facts.bin');
      saveFacts(fresh(ws), file, ws.identity.workspaceId);
      const loaded = loadFacts(file, ws.identity.workspaceId) as SalesFacts;
      expect(loaded).not.toBeNull();
      expect(loaded.refresh(ws)).toBe('fresh');
      expect(picture(loaded)).toEqual(picture(fresh(ws)));

      const order = sell(ws, ids[2] as string, '2026-06-01', 7_000);
      updateCustomer(ws, testUser, ids[2] as string, { customerClass: 'A' });
      deleteOrder(ws, testUser, order);
      sell(ws, createCustomer(ws, testUser, { name: '新客户' }).id, '2026-06-02', 10);
      expect(loaded.refresh(ws)).toBe('updated');
      expect(picture(loaded)).toEqual(picture(fresh(ws)));
    } finally {
      cleanup();
    }
  });

  it('ignores a file cut short, of another format, or of another workspace', () => {
    const { ws, dir, cleanup } = tempWorkspace();
    try {
      fill(ws);
      const file = join(dir, 'facts.bin');
      saveFacts(fresh(ws), file, ws.identity.workspaceId);
      expect(loadFacts(file, 'another-workspace')).toBeNull();
      const bytes = readFileSync(file);
      writeFileSync(file, bytes.subarray(0, bytes.length - 3));
      expect(loadFacts(file, ws.identity.workspaceId)).toBeNull();
      writeFileSync(file, Buffer.concat([Buffer.from('NOTFACTS'), bytes.subarray(8)]));
      expect(loadFacts(file, ws.identity.workspaceId)).toBeNull();
      writeFileSync(file, 'garbage');
      expect(loadFacts(file, ws.identity.workspaceId)).toBeNull();
      expect(loadFacts(join(dir, 'missing.bin'), ws.identity.workspaceId)).toBeNull();
    } finally {
      cleanup();
    }
  });

  it('is written by a full read and used by the next process instead of one', () => {
    const { ws, dir, path, cleanup } = tempWorkspace();
    try {
      fill(ws);
      const cacheDir = join(dir, 'data');
      const first = salesFacts(ws, { cacheDir });
      expect(existsSync(factsFile(cacheDir, path))).toBe(true);
      const expected = picture(first);
      const other = openWorkspace(path);
      try {
        const reads: number[] = [];
        const loaded = loadFacts(factsFile(cacheDir, path), other.identity.workspaceId) as SalesFacts;
        expect(loaded.refresh(other, { onProgress: (d) => reads.push(d) })).toBe('fresh');
        expect(reads).toEqual([]);
        expect(picture(loaded)).toEqual(expected);
      } finally {
        other.close();
      }
    } finally {
      cleanup();
    }
  });
});
