// Real, decodable pictures built with node:zlib only: PNG (any size, or incompressible "large" noise) and a
// DC-only baseline JPEG (quirk 1/18: the mime type may be image/jpeg). Pictures vary by prompt (hue from a hash).
import { deflateSync } from "node:zlib";
import { createHash, randomBytes } from "node:crypto";

const CRC_TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export function hueOf(seed) {
  return createHash("sha256").update(String(seed)).digest().readUInt16BE(0) % 360;
}
function hsl(h, s, l) {
  const a = s * Math.min(l, 1 - l);
  const f = (n) => { const k = (n + h / 30) % 12; return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1)); };
  return [f(0), f(8), f(4)].map((v) => Math.round(v * 255));
}

/** A soft diagonal gradient in the prompt's hue with a lighter disc in the middle. */
function painter(seed, w, h) {
  const hue = hueOf(seed);
  const cx = w / 2, cy = h / 2, r2 = (Math.min(w, h) * 0.3) ** 2;
  return (x, y) => {
    const inDisc = (x - cx) ** 2 + (y - cy) ** 2 < r2;
    const t = (x + y) / (w + h);
    return hsl((hue + t * 40) % 360, 0.65, inDisc ? 0.8 : 0.3 + 0.3 * t);
  };
}

export function makePng({ seed = "", width = 256, height = 256, noise = false } = {}) {
  const stride = width * 3 + 1;
  let raw;
  if (noise) {
    raw = randomBytes(stride * height); // incompressible: the file stays as big as the pixels (quirk 2)
    for (let y = 0; y < height; y++) raw[y * stride] = 0;
  } else {
    raw = Buffer.alloc(stride * height);
    const paint = painter(seed, width, height);
    for (let y = 0; y < height; y++) {
      raw[y * stride] = 0;
      for (let x = 0; x < width; x++) {
        const [r, g, b] = paint(x, y), o = y * stride + 1 + x * 3;
        raw[o] = r; raw[o + 1] = g; raw[o + 2] = b;
      }
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: noise ? 0 : 6 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// --- JPEG: every 8x8 block is flat (DC only, AC = EOB), so a tiny entropy coder suffices. ---
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]; // ITU T.81 Annex K luminance DC
const DC_VALS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
function canonicalCodes(bits, vals) {
  const codes = {}; let code = 0, k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < bits[len - 1]; i++) codes[vals[k++]] = [code++, len];
    code <<= 1;
  }
  return codes;
}
const DC_CODES = canonicalCodes(DC_BITS, DC_VALS);

class BitWriter {
  constructor() { this.out = []; this.acc = 0; this.n = 0; }
  put(value, len) {
    for (let i = len - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      if (++this.n === 8) { this.out.push(this.acc); if (this.acc === 0xff) this.out.push(0); this.acc = 0; this.n = 0; }
    }
  }
  finish() { while (this.n) this.put(1, 1); return Buffer.from(this.out); }
}

export function makeJpeg({ seed = "", width = 256, height = 256 } = {}) {
  const paint = painter(seed, width, height);
  const bw = new BitWriter();
  const prev = [0, 0, 0];
  for (let by = 0; by < Math.ceil(height / 8); by++) {
    for (let bx = 0; bx < Math.ceil(width / 8); bx++) {
      const [r, g, b] = paint(bx * 8 + 4, by * 8 + 4);
      const ycc = [
        0.299 * r + 0.587 * g + 0.114 * b,
        -0.1687 * r - 0.3313 * g + 0.5 * b + 128,
        0.5 * r - 0.4187 * g - 0.0813 * b + 128,
      ];
      for (let c = 0; c < 3; c++) {
        const dc = Math.round(8 * (ycc[c] - 128)); // F(0,0) = 8·mean with a quantiser of 1
        const diff = dc - prev[c]; prev[c] = dc;
        const size = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
        const [code, len] = DC_CODES[size];
        bw.put(code, len);
        if (size) bw.put(diff < 0 ? diff + (1 << size) - 1 : diff, size);
        bw.put(0, 1); // EOB in our one-symbol AC table
      }
    }
  }
  const seg = (marker, body) => { const h = Buffer.alloc(4); h.writeUInt16BE(marker); h.writeUInt16BE(body.length + 2, 2); return Buffer.concat([h, body]); };
  const sof = Buffer.from([8, height >> 8, height & 255, width >> 8, width & 255, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]);
  const acBits = new Array(16).fill(0); acBits[0] = 1;
  const dht = Buffer.from([0x00, ...DC_BITS, ...DC_VALS, 0x10, ...acBits, 0x00]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xffe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])),
    seg(0xffdb, Buffer.from([0, ...new Array(64).fill(1)])),
    seg(0xffc0, sof),
    seg(0xffc4, dht),
    seg(0xffda, Buffer.from([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0])),
    bw.finish(),
    Buffer.from([0xff, 0xd9]),
  ]);
}

// Small LRU so 200 concurrent image streams share bytes instead of each holding a multi-MB copy.
const cache = new Map();
/**
 * @returns {{ bytes: Buffer, b64: Buffer, mime: string }} b64 is ASCII base64 (no data: prefix)
 * `largeMB` > 0 → a noise PNG of about that many megabytes (jpeg is ignored then).
 */
export function picture({ seed = "", format = "png", size = 256, largeMB = 0 } = {}) {
  const key = `${format}|${size}|${largeMB}|${largeMB ? "" : hueOf(seed)}`;
  let hit = cache.get(key);
  if (hit) { cache.delete(key); cache.set(key, hit); return hit; }
  let bytes, mime;
  if (largeMB > 0) {
    const side = Math.max(16, Math.round(Math.sqrt((largeMB * 1024 * 1024) / 3)));
    bytes = makePng({ width: side, height: side, noise: true }); mime = "image/png";
  } else if (format === "jpeg" || format === "jpg") {
    bytes = makeJpeg({ seed, width: size, height: size }); mime = "image/jpeg";
  } else {
    bytes = makePng({ seed, width: size, height: size }); mime = "image/png";
  }
  hit = { bytes, b64: Buffer.from(bytes.toString("base64"), "ascii"), mime };
  cache.set(key, hit);
  if (cache.size > 24) cache.delete(cache.keys().next().value);
  return hit;
}
