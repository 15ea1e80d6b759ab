/**
 * Writes the field app's PNG icons (public/icono-192.png, icono-512.png): the same pin as icono.svg,
 * drawn pixel by pixel so no image tool or download is needed. Run: `npx tsx campo/scripts/iconos.ts`.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const MAROON = [0x7a, 0x1f, 0x3d];
const WHITE = [0xff, 0xff, 0xff];

/** The colour at a point of the 512×512 drawing, or null outside the rounded square. */
function colourAt(x: number, y: number): number[] | null {
  const r = 96;
  const cx = Math.min(Math.max(x, r), 512 - r);
  const cy = Math.min(Math.max(y, r), 512 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  const d = Math.hypot(x - 256, y - 220);
  if (d <= 48) return MAROON;
  if (d <= 126) return WHITE;
  // The pin's tail: between the circle's sides and the tip at (256, 416).
  const halfWidth = ((416 - y) / (416 - 220)) * 104;
  return y > 220 && y < 416 && Math.abs(x - 256) < halfWidth ? WHITE : MAROON;
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const c = colourAt(((x + 0.5) * 512) / size, ((y + 0.5) * 512) / size);
      row.set(c ? [...c, 255] : [0, 0, 0, 0], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

for (const size of [192, 512]) writeFileSync(new URL(`../public/icono-${size}.png`, import.meta.url), png(size));
