import { z } from 'zod';

// The plain header of a sync bundle (同步包). It travels unencrypted in every part so that a site,
// an inbox or a person can tell what a file is without keys; the sender's signature covers it.
// Layout and crypto: docs/sync-protocol.md, "Bundle file format".

const siteRef = z.object({
  siteId: z.string().min(1).max(100),
  code: z.string().min(1).max(50),
  name: z.string().min(1).max(200),
});

const counter = z.number().int().nonnegative();
/** origin siteId → highest contiguous seq. */
const vector = z.record(z.string().min(1).max(100), counter);

export const bundleHeaderSchema = z.object({
  format: z.literal('kecard-sync'),
  formatVersion: z.literal(1),
  networkId: z.uuid(),
  from: siteRef,
  to: siteRef,
  /** Per (from, to), from 1. */
  number: z.number().int().positive(),
  createdAt: z.iso.datetime({ offset: true }),
  appVersion: z.string().min(1).max(50),
  schemaVersion: counter,
  /** The sender's version vector. */
  vector,
  /** What the sender has applied from the recipient's stream. */
  ack: vector,
  /** The highest bundle number the sender has applied from the recipient (scope changes are resent until then). */
  ackNumber: counter.optional(),
  counts: z.object({ changes: counter, byEntity: z.record(z.string().min(1).max(100), counter) }),
  /** A store's first bundle carries its own public keys and a proof of the invitation. */
  enrolment: z.object({ signPublic: z.string().min(1), boxPublic: z.string().min(1), proof: z.string().min(1) }).optional(),
  /** The payload before compression (bytes, sha256 hex) and after (compressedBytes); filled by sealing. */
  payload: z.object({ bytes: counter, sha256: z.string().regex(/^[0-9a-f]{64}$/), compressedBytes: counter }),
});
export type BundleHeader = z.infer<typeof bundleHeaderSchema>;

/** Why a bundle was refused: details.reason of a BUNDLE_INVALID error (i18n `error.BUNDLE_INVALID_<reason>`). */
export const BUNDLE_REFUSALS = ['notABundle', 'incomplete', 'mixedParts', 'tampered', 'notForThisSite', 'tooLarge', 'formatNewer'] as const;
export type BundleRefusal = (typeof BUNDLE_REFUSALS)[number];
