// Reads a ZIP's central directory (the table at the end of the file) without inflating anything, so
// an .xlsx or .docx that would decompress to gigabytes (a zip bomb) or hold thousands of entries is
// refused before any parser touches it. Pure and synchronous: it only walks the bytes it was given.
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
}

/** Office documents are small once unpacked: a 2,000-row sheet or a 100-page plan stays far below these. */
export const OFFICE_ZIP_LIMITS: ZipLimits = { maxEntries: 1000, maxUncompressedBytes: 64 * 1024 * 1024 };

const EOCD_SIG = 0x06054b50;
const CD_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

export const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export function isZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf.subarray(0, 4).equals(ZIP_MAGIC);
}

export type ZipCheck = { ok: true; entries: ZipEntry[] } | { ok: false; message: string };

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** The entries of a ZIP, or a Chinese refusal naming the limit it breaks (field `file`). */
export function inspectZip(buf: Buffer, limits: ZipLimits = OFFICE_ZIP_LIMITS): ZipCheck {
  const bad = { ok: false as const, message: 'file: 压缩包结构损坏，无法读取' };
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return bad;
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  // ZIP64 markers: no office file of a size we accept needs them.
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    return { ok: false, message: 'file: 不支持 ZIP64 压缩包（文件过大）' };
  }
  if (count > limits.maxEntries) {
    return { ok: false, message: `file: 压缩包内文件过多（${count} 个，上限 ${limits.maxEntries} 个）` };
  }
  if (cdOffset + cdSize > eocd) return bad;
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CD_SIG) return bad;
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) return { ok: false, message: 'file: 不支持 ZIP64 压缩包（文件过大）' };
    total += uncompressedSize;
    if (total > limits.maxUncompressedBytes) {
      return { ok: false, message: `file: 文件解压后超过 ${MB(limits.maxUncompressedBytes)} 上限（疑似压缩炸弹），已拒绝` };
    }
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { ok: true, entries };
}

/** The stored (still compressed) bytes of one entry, or null when its local header is damaged. */
export function zipEntryData(buf: Buffer, entry: ZipEntry): Buffer | null {
  const p = entry.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL_SIG) return null;
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + entry.compressedSize > buf.length) return null;
  if (entry.method !== 0 && entry.method !== 8) return null;
  return buf.subarray(start, start + entry.compressedSize);
}
