// Just enough of the SQLite file format to damage a library on purpose: the page size and the
// root page of each table and index, read from sqlite_master's b-tree (https://sqlite.org/fileformat.html).
// Read-only, on a copy of the bytes; nothing here writes a database.

/** A SQLite varint at `at`: [value, bytes used]. */
function varint(buf, at) {
  let v = 0n;
  for (let i = 0; i < 8; i++) {
    const b = buf[at + i];
    v = (v << 7n) | BigInt(b & 0x7f);
    if ((b & 0x80) === 0) return [Number(v), i + 1];
  }
  return [Number((v << 8n) | BigInt(buf[at + 8])), 9];
}

/** The size in bytes of a record column of serial type `t`. */
function serialSize(t) {
  if (t >= 12) return Math.floor((t - (t % 2 === 0 ? 12 : 13)) / 2);
  return [0, 1, 2, 3, 4, 6, 8, 8, 0, 0, 0, 0][t];
}

function readColumn(buf, at, t) {
  if (t === 0 || t === 8) return t === 8 ? 0 : null;
  if (t === 9) return 1;
  if (t >= 1 && t <= 6) {
    const n = serialSize(t);
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + buf[at + i];
    return v;
  }
  if (t >= 13 && t % 2 === 1) return buf.subarray(at, at + serialSize(t)).toString("utf8");
  return buf.subarray(at, at + serialSize(t));
}

/** The page size of a database file. */
export function pageSize(buf) {
  const raw = buf.readUInt16BE(16);
  return raw === 1 ? 65536 : raw;
}

/**
 * `{type, name, rootpage}` of every table and index in the file (from sqlite_master). Only the
 * leading columns are read, which always sit in a cell's local payload.
 */
export function schemaObjects(buf) {
  const size = pageSize(buf);
  const out = [];
  const walk = (page) => {
    const base = (page - 1) * size;
    const head = page === 1 ? 100 : 0;
    const kind = buf[base + head];
    const cells = buf.readUInt16BE(base + head + 3);
    const pointers = base + head + (kind === 0x05 ? 12 : 8);
    for (let i = 0; i < cells; i++) {
      const cell = base + buf.readUInt16BE(pointers + 2 * i);
      if (kind === 0x05) {
        walk(buf.readUInt32BE(cell));
        continue;
      }
      if (kind !== 0x0d) throw new Error(`page ${page} is not a table b-tree page (${kind})`);
      let at = cell;
      const [, a] = varint(buf, at); // payload size
      at += a;
      const [, b] = varint(buf, at); // rowid
      at += b;
      const [headerSize, c] = varint(buf, at);
      let h = at + c;
      const types = [];
      while (h < at + headerSize && types.length < 4) {
        const [t, n] = varint(buf, h);
        types.push(t);
        h += n;
      }
      let body = at + headerSize;
      const values = [];
      for (const t of types) {
        values.push(readColumn(buf, body, t));
        body += serialSize(t);
      }
      const [type, name, , rootpage] = values;
      out.push({ type, name, rootpage });
    }
    if (kind === 0x05) walk(buf.readUInt32BE(base + head + 8)); // the right-most child
  };
  walk(1);
  return out;
}
