// Draws the toolbar icon (a circle split by a jagged fault line) as PNGs, with no dependency.
// Run once with `node scripts/make-icons.mjs`; the PNGs are committed under public/icons.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size) {
  const rows = [];
  const r = size / 2;
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      const dx = x + 0.5 - r;
      const dy = y + 0.5 - r;
      const d = Math.hypot(dx, dy);
      // The fault: a zigzag running top-right to bottom-left.
      const fy = (y + 0.5) / size;
      const fx = 0.62 - fy * 0.24 + (Math.floor(fy * 4) % 2 === 0 ? 0.08 : -0.08) * ((fy * 4) % 1);
      const onFault = Math.abs((x + 0.5) / size - fx) < Math.max(0.045, 1.2 / size);
      let px = [0, 0, 0, 0];
      if (d <= r - 0.5)
        px = onFault
          ? [255, 255, 255, 255]
          : [
              (x + 0.5) / size < fx ? 28 : 217,
              (x + 0.5) / size < fx ? 100 : 72,
              (x + 0.5) / size < fx ? 170 : 38,
              255,
            ];
      row.push(...px);
    }
    rows.push(Buffer.from(row));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
mkdirSync('public/icons', { recursive: true });
for (const s of [16, 32, 48, 128]) writeFileSync(`public/icons/icon-${s}.png`, png(s));
