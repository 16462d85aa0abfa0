// A log held as a few large strings with typed arrays of line starts, so 40 MB stays about 40 MB in the page,
// with the xtrace lines marked for folding. Bytes go in as they arrive; lines come out by index (0-based).

const MERGE_BELOW = 512 * 1024;
const TIMESTAMP = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d+)?(?: [^|]{0,40})? \| /;

export class LogStore {
  constructor() {
    this.chunks = [];        // {text, starts: Int32Array, count, first, trace: Uint8Array}
    this.lines = 0;          // complete lines
    this.bytes = 0;          // bytes received
    this.pending = '';       // the unfinished last line
    this.decoder = new TextDecoder();
  }

  /** Adds bytes; returns the number of new complete lines. */
  append(bytes) {
    this.bytes += bytes.length;
    const text = this.pending + this.decoder.decode(bytes, {stream: true});
    const cut = text.lastIndexOf('\n') + 1;
    this.pending = text.slice(cut);
    if (cut === 0) return 0;
    return this.addText(text.slice(0, cut));
  }

  /** Ends the input: an unfinished last line becomes a line. */
  finish() {
    const rest = this.pending + this.decoder.decode();
    this.pending = '';
    if (rest) this.addText(`${rest}\n`);
  }

  /** Adds one line given as text (the live tail, before the log is stored). */
  appendLine(text) {
    return this.addText(`${text.replace(/\n/g, ' ')}\n`);
  }

  addText(text) {
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.text.length < MERGE_BELOW) {
      this.chunks.pop();
      this.lines -= last.count;
      const added = this.addText(last.text + text) - last.count;
      return added;
    }
    let count = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
    const starts = new Int32Array(count);
    const trace = new Uint8Array(count);
    let pos = 0;
    for (let n = 0; n < count; n++) {
      starts[n] = pos;
      trace[n] = isTrace(text, pos) ? 1 : 0;
      pos = text.indexOf('\n', pos) + 1;
    }
    this.chunks.push({text, starts, count, first: this.lines, trace});
    this.lines += count;
    return count;
  }

  chunkOf(index) {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunks[mid].first <= index) lo = mid; else hi = mid - 1;
    }
    return this.chunks[lo];
  }

  /** The text of line {@code index} (0-based), without its newline; the pending line at index === lines. */
  line(index) {
    if (index === this.lines) return this.pending;
    const chunk = this.chunkOf(index);
    const j = index - chunk.first;
    const end = j + 1 < chunk.count ? chunk.starts[j + 1] - 1 : chunk.text.length - 1;
    return chunk.text.slice(chunk.starts[j], end);
  }

  isTrace(index) {
    if (index >= this.lines) return false;
    const chunk = this.chunkOf(index);
    return chunk.trace[index - chunk.first] === 1;
  }

  /** The line an offset of a chunk's text falls in. */
  lineAt(chunk, offset) {
    let lo = 0;
    let hi = chunk.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunk.starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return chunk.first + lo;
  }

  /** The next (or previous) line after {@code from} matching regex (flags 'g' required), wrapping; -1 if none. */
  find(regex, from, backwards = false) {
    const n = this.chunks.length;
    if (!n) return -1;
    const startChunk = this.chunks.indexOf(this.chunkOf(Math.max(0, Math.min(from, this.lines - 1))));
    if (!backwards) {
      for (let k = 0; k <= n; k++) {
        const chunk = this.chunks[(startChunk + k) % n];
        regex.lastIndex = 0;
        if (k === 0) {
          const next = from + 1 - chunk.first;
          if (next >= chunk.count) continue;
          regex.lastIndex = next < 0 ? 0 : chunk.starts[next];
        }
        const m = regex.exec(chunk.text);
        if (m) return this.lineAt(chunk, m.index);
      }
      return -1;
    }
    for (let k = 0; k <= n; k++) {
      const chunk = this.chunks[(startChunk - k + n * 2) % n];
      const limit = k === 0 ? (from - chunk.first >= 0 && from - chunk.first < chunk.count ? chunk.starts[from - chunk.first] : chunk.text.length) : chunk.text.length;
      regex.lastIndex = 0;
      let m;
      let lastHit = -1;
      while ((m = regex.exec(chunk.text)) && m.index < limit) {
        lastHit = m.index;
        if (m[0].length === 0) regex.lastIndex++;
      }
      if (lastHit >= 0) return this.lineAt(chunk, lastHit);
    }
    return -1;
  }

  /** How many lines match, counting at most {@code cap}. */
  count(regex, cap = 10000) {
    let total = 0;
    for (const chunk of this.chunks) {
      regex.lastIndex = 0;
      let lastLine = -1;
      let m;
      while ((m = regex.exec(chunk.text))) {
        const line = this.lineAt(chunk, m.index);
        if (line !== lastLine) { total++; lastLine = line; }
        if (total >= cap) return total;
        const next = line + 1 - chunk.first;
        regex.lastIndex = next < chunk.count ? chunk.starts[next] : chunk.text.length;
      }
    }
    return total;
  }

  /** The last line containing {@code needle} (plain text), or -1. */
  findLast(needle) {
    for (let k = this.chunks.length - 1; k >= 0; k--) {
      const at = this.chunks[k].text.lastIndexOf(needle);
      if (at >= 0) return this.lineAt(this.chunks[k], at);
    }
    return -1;
  }
}

/** An xtrace line: '+' after an optional log timestamp and colour codes (DevStack's PS4 frames). */
function isTrace(text, pos) {
  let c = text.charCodeAt(pos);
  if (c === 43) return true;
  if (c === 27) {
    const m = /^(?:\x1b\[[0-9;]*m)+/.exec(text.slice(pos, pos + 32));
    if (m) { pos += m[0].length; c = text.charCodeAt(pos); if (c === 43) return true; }
  }
  if (c >= 48 && c <= 57) {
    const m = TIMESTAMP.exec(text.slice(pos, pos + 96));
    return m !== null && text.charCodeAt(pos + m[0].length) === 43;
  }
  return false;
}
