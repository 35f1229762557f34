// Draws the Kecard icon (a customer card with a tab on a blue tile) and writes every format
// electron-builder needs: build/icon.png (512), build/icons/NxN.png (Linux), build/icon.ico
// (Windows, PNG-compressed entries) and build/icon.icns (macOS, PNG entries). Pure Node: no
// ImageMagick, no network. Run: node build/scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const OUT = new URL('../', import.meta.url);

// --- geometry, in units of the icon size (0..1) ---------------------------------------------
const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;

const tile = roundedRect(0.06, 0.06, 0.94, 0.94, 0.2);
const tab = roundedRect(0.2, 0.25, 0.42, 0.36, 0.03);
const card = roundedRect(0.2, 0.3, 0.8, 0.74, 0.045);
const avatarHead = circle(0.335, 0.455, 0.055);
const avatarBody = roundedRect(0.26, 0.52, 0.41, 0.64, 0.06);
const lines = [0.43, 0.51, 0.59].map((y, i) => roundedRect(0.47, y, i === 2 ? 0.64 : 0.72, y + 0.04, 0.02));

const lerp = (a, b, t) => a + (b - a) * t;
function tileColour(x, y) {
  const t = Math.min(1, Math.max(0, (x + y) / 2));
  return [lerp(0x36, 0x17, t), lerp(0x7d, 0x4a, t), lerp(0xf2, 0xb8, t)];
}

/** Colour and coverage of one sample point: later shapes paint over earlier ones. */
function sample(x, y) {
  if (tile(x, y) > 0) return null;
  let colour = tileColour(x, y);
  if (tab(x, y) <= 0 || card(x, y) <= 0) colour = tab(x, y) <= 0 && card(x, y) > 0 ? [0xdc, 0xe6, 0xfb] : [0xff, 0xff, 0xff];
  if (card(x, y) <= 0) {
    if (avatarHead(x, y) <= 0 || avatarBody(x, y) <= 0) colour = [0x36, 0x7d, 0xf2];
    if (lines.some((l) => l(x, y) <= 0)) colour = [0xb4, 0xc6, 0xe8];
  }
  return colour;
}

function render(size) {
  const n = size <= 64 ? 8 : 4; // supersampling per axis; small sizes need more
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy += 1) {
        for (let sx = 0; sx < n; sx += 1) {
          const c = sample((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
        rgba[i + 3] = Math.round((255 * a) / (n * n));
      }
    }
  }
  return rgba;
}

// --- PNG ------------------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let j = 0; j < 8; j += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
function png(size) {
  const rgba = render(size);
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- ICO (Vista+ accepts PNG entries) --------------------------------------------------------
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    header[e] = size >= 256 ? 0 : size;
    header[e + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, e + 4); // planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(data.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((img) => img.data)]);
}

// --- ICNS (PNG payloads) --------------------------------------------------------------------
function icns(entries) {
  const parts = entries.map(({ type, data }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const images = new Map(sizes.map((s) => [s, png(s)]));
const get = (s) => images.get(s);

mkdirSync(new URL('icons/', OUT), { recursive: true });
writeFileSync(new URL('icon.png', OUT), get(512));
for (const s of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(new URL(`icons/${s}x${s}.png`, OUT), get(s));
writeFileSync(new URL('icon.ico', OUT), ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, data: get(size) }))));
writeFileSync(
  new URL('icon.icns', OUT),
  icns([
    { type: 'icp4', data: get(16) },
    { type: 'icp5', data: get(32) },
    { type: 'icp6', data: get(64) },
    { type: 'ic07', data: get(128) },
    { type: 'ic08', data: get(256) },
    { type: 'ic09', data: get(512) },
    { type: 'ic10', data: get(1024) },
  ]),
);
console.log('icons written to build/');
