import fc from 'fast-check';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BUNDLE_REFUSALS } from '../../../src-shared/domain/sync-bundle';
import { en } from '../../../src-renderer/i18n/en';
import { zhCN } from '../../../src-renderer/i18n/zh-CN';
import { generateSiteKeys, publicKeysOf, safetyCode, type SiteKeyPair } from '../../../src-main/sync/bundle/site-keys';
import { openBundle, sealBundle } from '../../../src-main/sync/bundle/bundle-file';
import { draftHeader, refusalOf } from '../../support/sync-bundle-kit';

describe('site keys', () => {
  const sites: SiteKeyPair[] = [];
  beforeAll(() => {
    for (let i = 0; i < 6; i++) sites.push(generateSiteKeys());
  });
  const site = (i: number) => sites[i] as SiteKeyPair;

  it('generates an Ed25519 and an X25519 key pair as base64 DER', () => {
    const keys = site(0);
    expect(createPublicKey({ key: Buffer.from(keys.signPublic, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyType).toBe('ed25519');
    expect(createPublicKey({ key: Buffer.from(keys.boxPublic, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyType).toBe('x25519');
    expect(createPrivateKey({ key: Buffer.from(keys.signPrivate, 'base64'), format: 'der', type: 'pkcs8' }).asymmetricKeyType).toBe('ed25519');
    expect(createPrivateKey({ key: Buffer.from(keys.boxPrivate, 'base64'), format: 'der', type: 'pkcs8' }).asymmetricKeyType).toBe('x25519');
    expect(publicKeysOf(keys)).toEqual({ signPublic: keys.signPublic, boxPublic: keys.boxPublic });
    expect(site(1).signPublic).not.toBe(keys.signPublic);
  });

  it('shows both sides the same safety code, different for every other pair of keys', () => {
    const codes = new Set<string>();
    for (let a = 0; a < sites.length; a++) {
      for (let b = a + 1; b < sites.length; b++) {
        const code = safetyCode(publicKeysOf(site(a)), publicKeysOf(site(b)));
        expect(code).toMatch(/^\d{5} \d{5} \d{5} \d{5}$/);
        expect(safetyCode(publicKeysOf(site(b)), publicKeysOf(site(a)))).toBe(code);
        codes.add(code);
      }
    }
    expect(codes.size).toBe((sites.length * (sites.length - 1)) / 2);
    // A swapped key of either kind on either side changes the code.
    const [hq, store, other] = [publicKeysOf(site(0)), publicKeysOf(site(1)), publicKeysOf(site(2))];
    const code = safetyCode(hq, store);
    expect(safetyCode(hq, { ...store, signPublic: other.signPublic })).not.toBe(code);
    expect(safetyCode(hq, { ...store, boxPublic: other.boxPublic })).not.toBe(code);
    expect(safetyCode({ ...hq, boxPublic: other.boxPublic }, store)).not.toBe(code);
    // Swapping one key between the two sides is a different pair of sites, too.
    expect(safetyCode({ ...hq, boxPublic: store.boxPublic }, { ...store, boxPublic: hq.boxPublic })).not.toBe(code);
  });

  it('is symmetric for any pair, and the same for a key spelled differently (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 5 }), fc.nat({ max: 5 }), (i, j) => {
        const [a, b] = [publicKeysOf(site(i)), publicKeysOf(site(j))];
        expect(safetyCode(a, b)).toBe(safetyCode(b, a));
      }),
      { numRuns: 20 },
    );
    // Base64 wrapped at 20 characters (as some mail programs and editors do): the same key, the same code.
    const wrapped = (text: string) => (text.match(/.{1,20}/g) ?? []).join('\n');
    const [hq, store] = [publicKeysOf(site(0)), publicKeysOf(site(1))];
    expect(safetyCode({ signPublic: wrapped(hq.signPublic), boxPublic: wrapped(hq.boxPublic) }, store)).toBe(safetyCode(hq, store));
    // A text that is no key (a damaged row) still shows a code, one that matches nothing.
    expect(safetyCode({ ...hq, boxPublic: 'AAAA' }, store)).toMatch(/^\d{5} \d{5} \d{5} \d{5}$/);
    expect(safetyCode({ ...hq, boxPublic: 'AAAA' }, store)).not.toBe(safetyCode(hq, store));
  });

  it("refuses keys that are not site keys as the caller's mistake, not the bundle's", () => {
    const bad = { ...site(0), signPrivate: site(0).boxPrivate };
    const seal = () => sealBundle({ header: draftHeader(), payload: Buffer.alloc(0), sender: bad, recipient: publicKeysOf(site(1)) });
    expect(seal).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    const sealed = sealBundle({ header: draftHeader(), payload: Buffer.alloc(3), sender: site(0), recipient: publicKeysOf(site(1)) });
    expect(() => openBundle(sealed.parts, { recipient: site(1), sender: { ...publicKeysOf(site(0)), signPublic: 'AAAA' } })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
    expect(refusalOf(() => openBundle(sealed.parts, { recipient: site(2), sender: publicKeysOf(site(0)) }))).toBe('notForThisSite');
  });
});

describe('refusal messages', () => {
  it('words every refusal reason in Chinese and English through the renderer', async () => {
    vi.stubGlobal('window', { kecard: { call: () => undefined, onEvent: () => () => undefined } });
    // Loaded by a computed path: the renderer's module is browser code, outside main's type check.
    const rendererErrors = '../../../src-renderer/api/errors';
    const { apiErrorText } = (await import(/* @vite-ignore */ rendererErrors)) as {
      apiErrorText: (t: TFunction, error: { code: string; message: string; details?: unknown }) => string;
    };
    for (const [lng, table] of [
      ['zh-CN', zhCN],
      ['en', en],
    ] as const) {
      const instance = i18next.createInstance();
      await instance.init({ lng, resources: { [lng]: { translation: table } }, interpolation: { escapeValue: false } });
      const t = instance.t as TFunction;
      const sentences = BUNDLE_REFUSALS.map((reason) =>
        apiErrorText(t, { code: 'BUNDLE_INVALID', message: 'dev message', details: { reason, limitBytes: 1024 * 1024 } }),
      );
      expect(new Set(sentences).size).toBe(BUNDLE_REFUSALS.length);
      for (const sentence of sentences) expect(sentence).not.toMatch(/dev message|\{\{|BUNDLE_INVALID/);
      expect(sentences[BUNDLE_REFUSALS.indexOf('tooLarge')]).toMatch(/1(\.0)? ?MB/);
      if (lng === 'zh-CN') {
        expect(sentences[BUNDLE_REFUSALS.indexOf('tampered')]).toBe(
          '同步包已损坏或被篡改（校验值或签名不符），未导入任何更改。请让对方重新导出后再发送。',
        );
        expect(sentences[BUNDLE_REFUSALS.indexOf('formatNewer')]).toContain('请升级');
      }
    }
    vi.unstubAllGlobals();
  });
});
