import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// A sandboxed preload can require nothing but 'electron' (and a few polyfilled modules we do not
// use): bundle it the way build-main.mjs does and look at what it imports.
describe('preload bundle', () => {
  it('imports only electron and exposes only window.kecard', async () => {
    const result = await build({
      entryPoints: ['src-main/electron/preload.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const text = result.outputFiles[0]?.text ?? '';
    const required = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    const exposed = [...text.matchAll(/exposeInMainWorld\)?\(\s*"([^"]+)"/g)].map((m) => m[1]);
    expect(exposed).toEqual(['kecard']);
    expect(Object.keys(result.metafile.inputs).every((file) => file.startsWith('src-main/electron/'))).toBe(true);
  });
});
