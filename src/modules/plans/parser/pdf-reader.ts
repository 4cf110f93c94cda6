/**
 * Reads the text layer of a PDF (unpdf: a packaged pdf.js build that runs on Node without a
 * canvas), line by line in reading order, without the running headers, footers and page numbers
 * that every page repeats. A scan has no text layer: that is reported, not guessed at.
 *
 * pdf.js runs in a worker thread with a time and memory limit: a damaged or hostile file (a
 * ToUnicode map with a huge range, found by the fuzz test) can keep it busy for tens of seconds,
 * which must not stall the server. The layout work (lines, headers, wrapping) stays here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

const MAX_PAGES = 300;
export const PDF_TIME_LIMIT_MS = 15_000;

export type PdfResult = { ok: true; text: string } | { ok: false; reason: 'unreadable' | 'no-text' | 'encrypted' | 'timeout' };

/** One text run as pdf.js reports it: text, x, y (baseline), width, font size. */
type Run = [string, number, number, number, number];

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { getDocumentProxy } = require(workerData.unpdf);
(async () => {
  let pdf;
  try {
    pdf = await getDocumentProxy(workerData.bytes, { isEvalSupported: false, stopAtErrors: false, verbosity: 0 });
    const pages = [];
    for (let p = 1; p <= Math.min(pdf.numPages, workerData.maxPages); p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      pages.push(content.items
        .filter((i) => typeof i.str === 'string' && Array.isArray(i.transform))
        .map((i) => [i.str, i.transform[4] || 0, i.transform[5] || 0, i.width || 0, Math.abs(i.transform[3] || 10) || 10]));
      page.cleanup();
    }
    parentPort.postMessage({ ok: true, pages });
  } catch (err) {
    parentPort.postMessage({ ok: false, reason: err && err.name === 'PasswordException' ? 'encrypted' : 'unreadable' });
  }
})();
`;

let unpdfPath: string | null | undefined;

/**
 * Where unpdf's CommonJS build is: require.resolve in the compiled service; else node_modules/unpdf
 * found from the working directory up (ESM test runs have no require).
 */
function resolveUnpdf(): string | null {
  if (unpdfPath !== undefined) return unpdfPath;
  unpdfPath = null;
  // The compiled (CommonJS) service resolves from its own location, whatever the working directory.
  try {
    if (typeof require === 'function' && typeof require.resolve === 'function') {
      unpdfPath = require.resolve('unpdf');
      return unpdfPath;
    }
  } catch {
    // fall through to the lookup from the working directory
  }
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const pkg = join(dir, 'node_modules', 'unpdf', 'package.json');
    if (existsSync(pkg)) {
      try {
        const main = (JSON.parse(readFileSync(pkg, 'utf8')) as { main?: string }).main ?? 'dist/index.cjs';
        unpdfPath = join(dirname(pkg), main);
      } catch {
        unpdfPath = null;
      }
      break;
    }
    if (dirname(dir) === dir) break;
  }
  return unpdfPath;
}

function extractRuns(buf: Buffer, timeLimitMs: number): Promise<{ ok: true; pages: Run[][] } | { ok: false; reason: 'unreadable' | 'encrypted' | 'timeout' }> {
  const unpdf = resolveUnpdf();
  if (!unpdf) return Promise.resolve({ ok: false, reason: 'unreadable' });
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { bytes: new Uint8Array(buf), unpdf, maxPages: MAX_PAGES },
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 64 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (result: Awaited<ReturnType<typeof extractRuns>>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: 'timeout' }), timeLimitMs);
    worker.once('message', (m: { ok: true; pages: Run[][] } | { ok: false; reason: 'unreadable' | 'encrypted' }) => finish(m));
    worker.once('error', () => finish({ ok: false, reason: 'unreadable' }));
    worker.once('exit', () => finish({ ok: false, reason: 'unreadable' }));
  });
}

export async function readPdf(buf: Buffer, timeLimitMs = PDF_TIME_LIMIT_MS): Promise<PdfResult> {
  const extracted = await extractRuns(buf, timeLimitMs);
  if (!extracted.ok) return extracted;
  const pages = extracted.pages.map((runs) => pageLines(runs));
  const text = joinWrappedLines(dropRunningLines(pages).flat());
  if (text.replace(/\s+/g, '').length < 10) return { ok: false, reason: 'no-text' };
  return { ok: true, text };
}

/** A printed line: its text, and whether it runs to the right margin (the paragraph wraps on). */
interface PrintedLine {
  text: string;
  right: number;
  size: number;
}

/** Groups the text runs into lines by their baseline (top of the page first), left to right. */
function pageLines(items: readonly Run[]): PrintedLine[] {
  const runs = items.map(([text, x, y, w, size]) => ({ text: String(text), x: Number(x) || 0, y: Number(y) || 0, w: Number(w) || 0, size: Number(size) || 10 }));
  runs.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; size: number; runs: { text: string; x: number; w: number }[] }[] = [];
  for (const run of runs) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line.y - run.y) <= Math.min(line.size, run.size) * 0.4) line.runs.push(run);
    else lines.push({ y: run.y, size: run.size, runs: [run] });
  }
  return lines
    .map((l) => {
      const sorted = l.runs.filter((r) => r.text.trim() !== '').sort((a, b) => a.x - b.x);
      const text = l.runs.sort((a, b) => a.x - b.x).map((r) => r.text).join('').replace(/\s+/g, ' ').trim();
      const last = sorted[sorted.length - 1];
      return { text, right: last ? last.x + last.w : 0, size: l.size };
    })
    .filter((l) => l.text !== '');
}

/** A line opening with a numbering label starts a paragraph even after a full line. */
const STARTS_NUMBERED = /^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十0-9]{1,3}[）)]|[0-9]{1,4}[.．、](?![0-9])|第[一二三四五六七八九十百0-9]{1,4}[章条部节])/;

/**
 * Paragraphs wrap at the right margin: a line that runs to the margin continues on the next line
 * (joined without a break, as the source paragraph was); a shorter line ends its paragraph.
 */
function joinWrappedLines(lines: readonly PrintedLine[]): string {
  const margin = Math.max(0, ...lines.map((l) => l.right));
  const out: string[] = [];
  let open = false;
  for (const line of lines) {
    if (open && out.length > 0 && !STARTS_NUMBERED.test(line.text)) out[out.length - 1] += /[A-Za-z]$/.test(out[out.length - 1]) && /^[A-Za-z]/.test(line.text) ? ` ${line.text}` : line.text;
    else out.push(line.text);
    open = margin > 0 && line.right >= margin - line.size * 1.5;
  }
  return out.join('\n');
}

const PAGE_NUMBER = /^(?:[-—–－_]*\s*(?:第\s*)?[0-9０-９]{1,4}\s*(?:页|頁)?\s*[-—–－_]*|[0-9]{1,4}\s*\/\s*[0-9]{1,4}|第\s*[0-9]{1,4}\s*页\s*[,，]?\s*共\s*[0-9]{1,4}\s*页)$/;

/**
 * Page numbers are dropped wherever they stand at a page's top or bottom; a line at the top or
 * bottom that recurs (digits aside) on several pages is a running header or footer.
 */
function dropRunningLines(pages: PrintedLine[][]): PrintedLine[][] {
  const edge = (lines: PrintedLine[]): string[] => [...lines.slice(0, 2), ...lines.slice(-2)].map((l) => l.text);
  const key = (line: string): string => line.replace(/[0-9０-９]+/g, '#').replace(/\s+/g, '');
  const counts = new Map<string, number>();
  for (const lines of pages) for (const k of new Set(edge(lines).map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
  const running = (line: string): boolean => pages.length >= 2 && (counts.get(key(line)) ?? 0) >= Math.max(2, Math.ceil(pages.length / 2));
  return pages.map((lines) =>
    lines.filter((line, i) => {
      const atEdge = i < 2 || i >= lines.length - 2;
      return !(atEdge && (PAGE_NUMBER.test(line.text) || running(line.text)));
    }),
  );
}
