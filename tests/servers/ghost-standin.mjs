#!/usr/bin/env node
// A local stand-in for Ghost's Admin API (Ghost 5/6), for Byline's "publish to
// Ghost" tests. It is NOT Ghost: it answers the handful of Admin API endpoints
// Byline uses the way Ghost's Admin API documents them (and the way Ghost's own
// code answers them, where the documentation is silent), so that tests can run
// offline, fast, and without a database.
//
// Usage:
//   node tests/servers/ghost-standin.mjs [--port P] [--host 127.0.0.1]
//        [--state DIR] [--key ID:HEXSECRET] [--test-hooks]
//        [--clock-tolerance SECONDS] [--lenient-lifetime]
//        [--image-names hashed|numbered] [--title "Site title"]
//
//   --port 0 (the default) picks a free port. When it listens, it prints ONE
//   line on stdout:
//       GHOST_URL=http://127.0.0.1:P GHOST_ADMIN_KEY=<24 hex id>:<64 hex secret>
//   The key is generated at start (like a new Custom Integration), taken from
//   --key, or, with --state, read back from DIR/state.json, so that a restarted
//   stand-in keeps the same key.
//   --state DIR keeps posts, tags, images and the key in DIR/state.json (written
//   on every change, atomically) and image bytes under DIR/content/images/, and
//   loads them at start: stop the stand-in mid-send, start it again with the
//   same --state (and --port), and the posts and images are still there.
//   Without --state everything lives in memory.
//   --test-hooks adds two routes that are no part of Ghost:
//       POST /__standin/edit/:id   bumps the post's updated_at (and applies an
//                                  optional JSON body such as {"title":"x"}) as
//                                  if someone had edited it in Ghost Admin;
//                                  answers {post:{id, updated_at, ...}}.
//       GET  /__standin/state      {posts, images, tags, post_list, image_list}.
//   SIGTERM / SIGINT stop it.
//
// What it checks, as Ghost does:
//   * Authentication (Ghost's core/server/services/auth/api-key/admin.js):
//     - no Authorization header on an endpoint that needs one: 403
//       NoPermissionError "Authorization failed" (Ghost falls through to
//       session auth, which then refuses);
//     - a header not of the form `Authorization: Ghost <jwt>`: 401
//       UnauthorizedError, code INVALID_AUTH_HEADER;
//     - a token that does not decode, or has no `kid` header: 400
//       BadRequestError (INVALID_JWT / MISSING_ADMIN_API_KID);
//     - a `kid` that is not the key id: 401 "Unknown Admin API Key"
//       (UNKNOWN_ADMIN_API_KEY);
//     - then the checks of jsonwebtoken's verify() as Ghost calls it, in its
//       order, each a 401 UnauthorizedError "Invalid token: <reason>" with code
//       INVALID_JWT: algorithm must be HS256 ("invalid algorithm"), HMAC-SHA256
//       signature with the HEX-DECODED secret ("invalid signature"), nbf
//       ("jwt not active"), exp ("jwt expired"; no clock tolerance in Ghost,
//       --clock-tolerance adds one), aud must match /\/?admin\/?$/ ("jwt audience
//       invalid. expected: ..."; `/admin/` is what the docs say to send), iat
//       is required and the token must be used less than 5 minutes after iat
//       (Ghost's maxAge: "iat required when maxAge is specified",
//       "maxAge exceeded"). An iat a little in the future (the client's clock
//       ahead of the server's) is accepted, as in Ghost.
//     - One rule more than Ghost's code, from Ghost's documentation: `exp` is
//       required and exp - iat must be at most 5 minutes ("Invalid token: token
//       lifetime exceeds 5 minutes"). Real Ghost only enforces the maxAge rule
//       above; --lenient-lifetime drops this extra rule.
//   * `Accept-Version` (v5.x, v6.x, or none) is accepted; answers carry
//     `Content-Version: v6.0`.
//   * Request bodies: JSON must parse (400 BadRequestError), the root key
//     ("posts") must be there (400), posts[] must hold exactly one post.
//   * Posts: title required on add (422 ValidationError), title at most 255
//     characters, custom_excerpt at most 300, feature_image_alt at most 191,
//     status one of draft/published/scheduled/sent, scheduled needs a future
//     published_at. `html` is only read with `?source=html`, as in Ghost
//     (without it Ghost ignores html). Edits need `updated_at`; if it differs
//     from the stored one and the edit changes anything, 409
//     UpdateCollisionError "Saving failed! Someone else is editing this post."
//     (code UPDATE_COLLISION), as Ghost's collision check does. Unknown id:
//     404 NotFoundError "Post not found.".
//   * Images: multipart/form-data with a `file` part (422 "Please select an
//     image." without one); the file's extension AND its part Content-Type must
//     both be an image type Ghost accepts (415 UnsupportedMediaTypeError
//     "Please select a valid image."). Stored as content/images/YYYY/MM/<name>,
//     name sanitized like Ghost (anything but [A-Za-z0-9_@.] becomes "-").
//     Ghost 6 (and late Ghost 5) names a file <name>-<16 random hex>.<ext>;
//     older Ghost 5 de-duplicated with -1, -2: --image-names numbered does that.
//
// What it does NOT imitate: Ghost re-renders html through its Lexical editor
// format (so the html Ghost gives back is not byte-for-byte what was sent; the
// stand-in gives back what it got), image resizing and `_o` originals, members,
// newsletters and e-mail, pages, the legacy /ghost/api/v4/admin/ paths, NQL
// filters beyond `key:value` joined with `+`, and slug transliteration of
// non-Latin titles (accents are stripped; other letters are dropped).

import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const opts = {
    port: 0,
    host: '127.0.0.1',
    state: null,
    key: null,
    testHooks: false,
    clockTolerance: 0,
    lenientLifetime: false,
    imageNames: 'hashed',
    title: 'Byline test site',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) die(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--port': opts.port = Number(next()); break;
      case '--host': opts.host = next(); break;
      case '--state': opts.state = next(); break;
      case '--key': opts.key = next(); break;
      case '--test-hooks': opts.testHooks = true; break;
      case '--clock-tolerance': opts.clockTolerance = Number(next()); break;
      case '--lenient-lifetime': opts.lenientLifetime = true; break;
      case '--image-names': opts.imageNames = next(); break;
      case '--title': opts.title = next(); break;
      case '-h': case '--help':
        process.stdout.write('usage: ghost-standin.mjs [--port P] [--state DIR] [--key ID:HEX] [--test-hooks]\n');
        process.exit(0);
        break;
      default: die(`unknown argument ${a}`);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) die('--port must be 0..65535');
  if (!['hashed', 'numbered'].includes(opts.imageNames)) die('--image-names is hashed or numbered');
  if (opts.key && !/^[0-9a-f]+:[0-9a-f]+$/i.test(opts.key)) die('--key must be ID:HEXSECRET');
  if (!Number.isFinite(opts.clockTolerance) || opts.clockTolerance < 0) die('--clock-tolerance must be >= 0');
  return opts;
}

function die(msg) {
  process.stderr.write(`ghost-standin: ${msg}\n`);
  process.exit(2);
}

const opts = parseArgs(process.argv.slice(2));

// ---------------------------------------------------------------- state

// Ghost stores times in DATETIME columns: whole seconds. Its JSON shows them
// as ISO strings with ".000Z".
const nowSeconds = () => Math.floor(Date.now() / 1000);
const isoSeconds = (s) => new Date(s * 1000).toISOString();
const nowIso = () => isoSeconds(nowSeconds());
// Ghost's ids are 24 hex characters (ObjectId-like).
const objectId = () => {
  const t = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
  return t + crypto.randomBytes(8).toString('hex');
};

const STATE_FILE = opts.state ? path.join(opts.state, 'state.json') : null;
const IMAGE_ROOT = opts.state ? path.join(opts.state, 'content', 'images') : null;
const memoryImages = new Map(); // relative path -> Buffer, when there is no --state

let state = {
  version: 1,
  key: null,
  owner: null,
  posts: [],
  tags: [],
  images: [], // {path: 'YYYY/MM/name.ext', type, size, ref, created_at}
};

if (opts.state) {
  fs.mkdirSync(opts.state, { recursive: true });
  if (fs.existsSync(STATE_FILE)) {
    try {
      state = { ...state, ...JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) };
    } catch (e) {
      die(`cannot read ${STATE_FILE}: ${e.message}`);
    }
  }
}

if (opts.key) state.key = opts.key.toLowerCase();
if (!state.key) state.key = `${objectId()}:${crypto.randomBytes(32).toString('hex')}`;
if (!state.owner) {
  const t = nowIso();
  state.owner = {
    id: objectId(),
    name: 'Byline Owner',
    slug: 'byline-owner',
    email: 'owner@example.com',
    created_at: t,
    updated_at: t,
  };
}
const [KEY_ID, KEY_SECRET_HEX] = state.key.split(':');
const KEY_SECRET = Buffer.from(KEY_SECRET_HEX, 'hex');

function saveState() {
  if (!STATE_FILE) return;
  const tmp = `${STATE_FILE}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(state, null, 1));
  fs.renameSync(tmp, STATE_FILE);
}
saveState();

let baseUrl = ''; // set once listening: http://127.0.0.1:P

// ---------------------------------------------------------------- responses

// Ghost's JSON error shape (its error handler renders every error so).
function sendError(res, status, type, message, extra = {}) {
  sendJson(res, status, {
    errors: [
      {
        message,
        context: extra.context ?? null,
        type,
        details: extra.details ?? null,
        property: extra.property ?? null,
        help: extra.help ?? null,
        code: extra.code ?? null,
        id: crypto.randomUUID(),
        ghostErrorCode: null,
      },
    ],
  });
}

class GhostError extends Error {
  constructor(status, type, message, extra = {}) {
    super(message);
    this.status = status;
    this.type = type;
    this.extra = extra;
  }
}
const E = {
  badRequest: (m, x) => new GhostError(400, 'BadRequestError', m, x),
  unauthorized: (m, x) => new GhostError(401, 'UnauthorizedError', m, x),
  noPermission: (m, x) => new GhostError(403, 'NoPermissionError', m, x),
  notFound: (m, x) => new GhostError(404, 'NotFoundError', m, x),
  collision: (m, x) => new GhostError(409, 'UpdateCollisionError', m, x),
  tooLarge: (m, x) => new GhostError(413, 'RequestEntityTooLargeError', m, x),
  unsupportedMedia: (m, x) => new GhostError(415, 'UnsupportedMediaTypeError', m, x),
  validation: (m, x) => new GhostError(422, 'ValidationError', m, x),
};

function sendJson(res, status, body) {
  const text = status === 204 ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Content-Version': 'v6.0',
    'Cache-Control': 'no-cache, private, no-store, must-revalidate, max-stale=0, post-check=0, pre-check=0',
  });
  res.end(text);
}

// ---------------------------------------------------------------- auth

const b64urlDecode = (s) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

// As Ghost's apiKeyAdminAuth + authorizeAdminApi, see the comment at the top.
function authenticate(req) {
  const header = req.headers.authorization;
  if (!header) {
    throw E.noPermission('Authorization failed', {
      context: 'Unable to determine the authenticated user or integration. Check that cookies are being passed through if using session authentication.',
    });
  }
  const [scheme, token] = header.split(' ');
  if (!/^Ghost$/i.test(scheme) || !token) {
    throw E.unauthorized('Authorization header format is "Authorization: Ghost [token]"', { code: 'INVALID_AUTH_HEADER' });
  }

  // jwt.decode(token, {complete: true}): null for anything that is not
  // three base64url parts with a JSON header.
  const parts = token.split('.');
  let jwtHeader = null;
  let payload = null;
  if (parts.length === 3 && /^[A-Za-z0-9\-_]+$/.test(parts[0]) && /^[A-Za-z0-9\-_]+$/.test(parts[1])) {
    try {
      jwtHeader = JSON.parse(b64urlDecode(parts[0]).toString('utf8'));
      payload = JSON.parse(b64urlDecode(parts[1]).toString('utf8'));
    } catch {
      jwtHeader = null;
    }
  }
  if (!jwtHeader || typeof jwtHeader !== 'object' || !payload || typeof payload !== 'object') {
    throw E.badRequest('Invalid token', { code: 'INVALID_JWT' });
  }
  if (!jwtHeader.kid) {
    throw E.badRequest('Admin API kid missing.', { code: 'MISSING_ADMIN_API_KID' });
  }
  if (jwtHeader.kid !== KEY_ID) {
    throw E.unauthorized('Unknown Admin API Key', { code: 'UNKNOWN_ADMIN_API_KEY' });
  }

  const invalid = (why) => E.unauthorized(`Invalid token: ${why}`, { code: 'INVALID_JWT' });
  if (parts[2].trim() === '') throw invalid('jwt signature is required');
  if (jwtHeader.alg !== 'HS256') throw invalid('invalid algorithm');
  const expected = crypto.createHmac('sha256', KEY_SECRET).update(`${parts[0]}.${parts[1]}`).digest();
  const given = b64urlDecode(parts[2]);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    throw invalid('invalid signature');
  }

  const clock = nowSeconds();
  const tol = opts.clockTolerance;
  if (payload.nbf !== undefined) {
    if (typeof payload.nbf !== 'number') throw invalid('invalid nbf value');
    if (payload.nbf > clock + tol) throw invalid('jwt not active');
  }
  if (payload.exp !== undefined) {
    if (typeof payload.exp !== 'number') throw invalid('invalid exp value');
    if (clock >= payload.exp + tol) throw invalid('jwt expired');
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.some((a) => /\/?admin\/?$/.test(String(a)))) {
    throw invalid('jwt audience invalid. expected: /\\/?admin\\/?$/');
  }
  if (typeof payload.iat !== 'number') throw invalid('iat required when maxAge is specified');
  if (clock >= payload.iat + 300 + tol) throw invalid('maxAge exceeded');

  // The documented rule, stricter than Ghost's code (see the top).
  if (!opts.lenientLifetime) {
    if (typeof payload.exp !== 'number') throw invalid('exp required (token must expire within 5 minutes)');
    if (payload.exp - payload.iat > 300) throw invalid('token lifetime exceeds 5 minutes');
  }
}

// ---------------------------------------------------------------- bodies

const MAX_BODY = 50 * 1024 * 1024;

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let failed = false;
    req.on('data', (c) => {
      if (failed) return;
      size += c.length;
      if (size > MAX_BODY) {
        failed = true;
        reject(E.tooLarge('Request is larger than the maximum file size the server allows'));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => { if (!failed) resolve(Buffer.concat(chunks)); });
    req.on('error', (e) => { if (!failed) { failed = true; reject(e); } });
  });
}

async function readJson(req, rootKey) {
  const buf = await readBody(req);
  const ctype = (req.headers['content-type'] || '').toLowerCase();
  let body = {};
  if (buf.length && ctype.includes('json')) {
    try {
      body = JSON.parse(buf.toString('utf8'));
    } catch {
      throw E.badRequest('Unexpected token in JSON body', { code: 'INVALID_JSON' });
    }
  }
  if (!body || typeof body !== 'object' || !body[rootKey]) {
    throw E.badRequest(`No root key ('${rootKey}') provided.`);
  }
  if (!Array.isArray(body[rootKey]) || body[rootKey].length !== 1 || typeof body[rootKey][0] !== 'object' || body[rootKey][0] === null) {
    throw E.validation('Validation error, cannot save post.', {
      context: `data.${rootKey} must NOT have more than 1 items, and at least 1`,
      property: rootKey,
    });
  }
  return body[rootKey][0];
}

// multipart/form-data, binary-safe. Returns [{name, filename, type, data}].
function parseMultipart(buf, contentType) {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType || '');
  if (!m) throw E.badRequest('Multipart: Boundary not found');
  const boundary = Buffer.from(`--${(m[1] || m[2]).trim()}`);
  const parts = [];
  let pos = buf.indexOf(boundary);
  if (pos < 0) throw E.badRequest('Unexpected end of form');
  while (true) {
    pos += boundary.length;
    // "--" after a delimiter ends the body.
    if (buf[pos] === 0x2d && buf[pos + 1] === 0x2d) break;
    // Skip transport padding and the CRLF after the delimiter.
    while (buf[pos] === 0x20 || buf[pos] === 0x09) pos++;
    if (buf[pos] === 0x0d && buf[pos + 1] === 0x0a) pos += 2;
    else throw E.badRequest('Malformed part header');
    const headEnd = buf.indexOf('\r\n\r\n', pos);
    if (headEnd < 0) throw E.badRequest('Malformed part header');
    const headers = {};
    for (const line of buf.subarray(pos, headEnd).toString('utf8').split('\r\n')) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    const dataStart = headEnd + 4;
    const next = buf.indexOf(Buffer.concat([Buffer.from('\r\n'), boundary]), dataStart);
    if (next < 0) throw E.badRequest('Unexpected end of form');
    const disp = headers['content-disposition'] || '';
    parts.push({
      name: dispParam(disp, 'name'),
      filename: dispParam(disp, 'filename'),
      type: (headers['content-type'] || 'text/plain').split(';')[0].trim().toLowerCase(),
      data: buf.subarray(dataStart, next),
    });
    pos = next + 2; // at the boundary
  }
  return parts;
}

function dispParam(disp, key) {
  // filename*=UTF-8''percent-encoded wins over filename=, as RFC 6266 says.
  const star = new RegExp(`(?:^|;)\\s*${key}\\*\\s*=\\s*([^']*)'[^']*'([^;]*)`, 'i').exec(disp);
  if (star) {
    try { return decodeURIComponent(star[2].trim()); } catch { /* fall through */ }
  }
  const quoted = new RegExp(`(?:^|;)\\s*${key}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disp);
  if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
  const bare = new RegExp(`(?:^|;)\\s*${key}\\s*=\\s*([^;]*)`, 'i').exec(disp);
  return bare ? bare[1].trim() : null;
}

// ---------------------------------------------------------------- images

// Ghost's image upload validation (core/server/web/api/middleware/upload.js).
const IMAGE_EXTS = ['.jpg', '.jpeg', '.gif', '.png', '.svg', '.svgz', '.ico', '.webp', '.avif', '.heic', '.heif'];
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/svg+xml', 'image/x-icon',
  'image/vnd.microsoft.icon', 'image/webp', 'image/avif', 'image/heic', 'image/heif'];
const EXT_TYPE = {
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.svgz': 'image/svg+xml', '.ico': 'image/x-icon', '.webp': 'image/webp',
  '.avif': 'image/avif', '.heic': 'image/heic', '.heif': 'image/heif',
};

const imageExists = (rel) => state.images.some((i) => i.path === rel);

// ghost-storage-base: sanitize, then either <name>-<16 hex>.<ext> (current) or
// <name>.<ext>, <name>-1.<ext>, <name>-2.<ext>... (older Ghost 5).
function imagePath(originalName) {
  const d = new Date();
  const dir = `${d.getFullYear()}/${String(d.getMonth() + 1).padStart(2, '0')}`;
  const sanitized = path.basename(originalName).replace(/[^\w@.]/gi, '-');
  let ext = path.extname(sanitized);
  if (!/(\.[a-z0-9]{2,10})+$/i.test(ext)) ext = '';
  let name = path.basename(sanitized, ext);
  if (opts.imageNames === 'hashed') {
    const hash = crypto.randomBytes(8).toString('hex');
    const maxName = 253 - Buffer.byteLength(`-${hash}${ext}`);
    while (Buffer.byteLength(name) > maxName) name = name.slice(0, -1);
    return `${dir}/${name}-${hash}${ext}`;
  }
  for (let i = 0; ; i++) {
    const candidate = `${dir}/${name}${i ? `-${i}` : ''}${ext}`;
    if (!imageExists(candidate)) return candidate;
  }
}

async function uploadImage(req, res) {
  const ctype = req.headers['content-type'] || '';
  if (!/^multipart\/form-data/i.test(ctype)) throw E.validation('Please select an image.');
  const parts = parseMultipart(await readBody(req), ctype);
  const file = parts.find((p) => p.name === 'file' && p.filename !== null);
  const field = (n) => {
    const p = parts.find((x) => x.name === n && x.filename === null);
    return p ? p.data.toString('utf8') : null;
  };
  if (!file || !file.filename) throw E.validation('Please select an image.');
  const ext = path.extname(file.filename).toLowerCase();
  if (!IMAGE_EXTS.includes(ext) || !IMAGE_TYPES.includes(file.type)) {
    throw E.unsupportedMedia('Please select a valid image.');
  }
  const purpose = field('purpose') || 'image';
  if (!['image', 'profile_image', 'icon'].includes(purpose)) {
    throw E.validation(`Validation error, cannot upload image.`, { context: `purpose must be one of image, profile_image, icon` });
  }
  const rel = imagePath(file.filename);
  if (IMAGE_ROOT) {
    const abs = path.join(IMAGE_ROOT, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, file.data);
  } else {
    memoryImages.set(rel, Buffer.from(file.data));
  }
  const ref = field('ref');
  state.images.push({ path: rel, type: file.type, size: file.data.length, ref, created_at: nowIso() });
  saveState();
  sendJson(res, 201, { images: [{ url: `${baseUrl}/content/images/${rel}`, ref: ref ?? null }] });
}

function serveImage(req, res, rel) {
  let decoded;
  try { decoded = decodeURIComponent(rel); } catch { decoded = null; }
  const img = decoded && state.images.find((i) => i.path === decoded);
  let data = null;
  if (img) data = IMAGE_ROOT ? readIfExists(path.join(IMAGE_ROOT, img.path)) : memoryImages.get(img.path);
  if (!data) {
    sendError(res, 404, 'NotFoundError', 'File not found', { code: 'STATIC_FILE_NOT_FOUND', property: `/${rel}` });
    return;
  }
  res.writeHead(200, {
    'Content-Type': EXT_TYPE[path.extname(img.path).toLowerCase()] || img.type,
    'Content-Length': data.length,
    'Cache-Control': 'public, max-age=31536000',
  });
  res.end(req.method === 'HEAD' ? undefined : data);
}

function readIfExists(p) {
  try { return fs.readFileSync(p); } catch { return null; }
}

// ---------------------------------------------------------------- slugs & tags

// A near copy of @tryghost/string's slugify (without unidecode's
// transliteration: accents are stripped, other non-Latin letters dropped).
function slugify(str) {
  return String(str || '')
    .trim()
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/(\s|\.|@|:|\/|\?|#|\[|\]|!|\$|&|\(|\)|\*|\+|,|;|=|\\|%|<|>|\||\^|~|"|\{|\}|`|–|—)/g, '-')
    .replace(/'/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9\-_]/g, '')
    .replace(/-+/g, '-')
    .replace(/-$/, '')
    .replace(/^-/, '');
}

// Ghost's base model generateSlug: protected slugs get "-<model>", taken ones
// get -2, -3, ...; 185 characters at most.
function uniqueSlug(wanted, kind, selfId) {
  let base = slugify(wanted).slice(0, 185).replace(/-$/, '');
  if (!base) base = kind === 'post' ? 'untitled' : 'tag';
  if (['ghost', 'rss', 'amp'].includes(base)) base = `${base}-${kind}`;
  const list = kind === 'post' ? state.posts : state.tags;
  const taken = (s) => list.some((x) => x.slug === s && x.id !== selfId);
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

function tagFor(input) {
  const t = typeof input === 'string' ? { name: input } : input || {};
  let tag = null;
  if (t.id) tag = state.tags.find((x) => x.id === t.id);
  if (!tag && t.slug) tag = state.tags.find((x) => x.slug === t.slug);
  if (!tag && t.name) tag = state.tags.find((x) => x.name.toLowerCase() === String(t.name).trim().toLowerCase());
  if (tag) return tag;
  if (!t.name || !String(t.name).trim()) {
    throw E.validation('Validation error, cannot save tag.', { context: 'Tag name is required.', property: 'name' });
  }
  const name = String(t.name).trim();
  const time = nowIso();
  tag = {
    id: objectId(),
    name,
    slug: uniqueSlug(t.slug || (name.startsWith('#') ? `hash-${name.slice(1)}` : name), 'tag'),
    description: t.description ?? null,
    created_at: time,
    updated_at: time,
  };
  state.tags.push(tag);
  return tag;
}

function serializeTag(tag) {
  const internal = tag.name.startsWith('#');
  return {
    id: tag.id,
    name: tag.name,
    slug: tag.slug,
    description: tag.description,
    feature_image: null,
    visibility: internal ? 'internal' : 'public',
    og_image: null, og_title: null, og_description: null,
    twitter_image: null, twitter_title: null, twitter_description: null,
    meta_title: null, meta_description: null,
    codeinjection_head: null, codeinjection_foot: null,
    canonical_url: null, accent_color: null,
    created_at: tag.created_at,
    updated_at: tag.updated_at,
    url: internal ? `${baseUrl}/404/` : `${baseUrl}/tag/${tag.slug}/`,
  };
}

// ---------------------------------------------------------------- posts

const POST_STATUSES = ['draft', 'published', 'scheduled', 'sent'];
// Columns the stand-in keeps as given (strings or null).
const PLAIN_FIELDS = ['title', 'custom_excerpt', 'feature_image', 'feature_image_alt', 'feature_image_caption',
  'canonical_url', 'meta_title', 'meta_description', 'og_image', 'og_title', 'og_description',
  'twitter_image', 'twitter_title', 'twitter_description', 'codeinjection_head', 'codeinjection_foot',
  'custom_template', 'email_subject', 'visibility', 'featured'];
// Ghost's database limits (its schema validation answers these).
const MAX_LEN = { title: ['posts', 255], custom_excerpt: ['posts', 300], feature_image_alt: ['posts_meta', 191],
  meta_title: ['posts_meta', 300], meta_description: ['posts_meta', 500], slug: ['posts', 191] };

// A minimal Lexical document holding the html in one html card: what Ghost
// keeps is a real conversion, but no client should read `lexical` anyway.
const lexicalFor = (html) => JSON.stringify({
  root: { children: [{ type: 'html', version: 1, html }], direction: null, format: '', indent: 0, type: 'root', version: 1 },
});
const plaintextOf = (html) => String(html || '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();

function validatePostInput(input, action) {
  const fail = (context, property) => E.validation(`Validation error, cannot ${action} post.`, { context, property });
  if (action === 'save' && (input.title === undefined || input.title === null)) {
    throw fail("data.posts[0] must have required property 'title'", 'title');
  }
  if (action === 'edit' && !input.updated_at) {
    throw fail("data.posts[0] must have required property 'updated_at'", 'updated_at');
  }
  if (input.title !== undefined && typeof input.title !== 'string') throw fail('data.posts[0].title must be string', 'title');
  for (const [field, [table, max]] of Object.entries(MAX_LEN)) {
    if (typeof input[field] === 'string' && input[field].length > max) {
      throw E.validation(`Value in [${table}.${field}] exceeds maximum length of ${max} characters.`, { property: field });
    }
  }
  if (input.status !== undefined && !POST_STATUSES.includes(input.status)) {
    throw fail(`Value in [posts.status] must be one of ${POST_STATUSES.join(', ')}.`, 'status');
  }
  if (input.tags !== undefined && !Array.isArray(input.tags)) throw fail('data.posts[0].tags must be array', 'tags');
}

function applyPostInput(post, input, query) {
  const changed = [];
  const set = (field, value) => {
    if (JSON.stringify(post[field] ?? null) !== JSON.stringify(value ?? null)) changed.push(field);
    post[field] = value ?? null;
  };
  for (const f of PLAIN_FIELDS) if (input[f] !== undefined) set(f, input[f]);
  if (input.status !== undefined) set('status', input.status);
  if (input.published_at !== undefined) {
    set('published_at', input.published_at ? isoSeconds(Math.floor(Date.parse(input.published_at) / 1000)) : null);
  }
  // Ghost only reads html with ?source=html (and turns it into lexical).
  if (query.get('source') === 'html' && input.html !== undefined && input.html !== null) {
    set('html', String(input.html));
    set('lexical', lexicalFor(String(input.html)));
  } else if (typeof input.lexical === 'string') {
    set('lexical', input.lexical);
    try {
      const card = JSON.parse(input.lexical).root.children.find((c) => c.type === 'html');
      set('html', card ? card.html : '');
    } catch {
      set('html', '');
    }
  }
  if (input.slug !== undefined && input.slug !== null) {
    const slug = uniqueSlug(input.slug, 'post', post.id);
    if (slug !== post.slug) { changed.push('slug'); post.slug = slug; }
  }
  if (input.tags !== undefined) {
    const ids = input.tags.map((t) => tagFor(t).id).filter((id, i, a) => a.indexOf(id) === i);
    if (JSON.stringify(ids) !== JSON.stringify(post.tag_ids)) changed.push('tags');
    post.tag_ids = ids;
  }
  return changed;
}

function finishStatus(post) {
  if (post.status === 'published' && !post.published_at) post.published_at = nowIso();
  if (post.status === 'scheduled') {
    if (!post.published_at || Date.parse(post.published_at) <= Date.now()) {
      throw E.validation('Date must be at least 2 minutes in the future.', { property: 'published_at' });
    }
  }
}

function serializePost(post, query) {
  const formats = (query.get('formats') || 'lexical').split(',').map((s) => s.trim());
  const tags = post.tag_ids.map((id) => state.tags.find((t) => t.id === id)).filter(Boolean).map(serializeTag);
  const owner = state.owner;
  const author = {
    id: owner.id, name: owner.name, slug: owner.slug, email: owner.email,
    profile_image: null, cover_image: null, bio: null, website: null, location: null,
    facebook: null, twitter: null, accessibility: null, status: 'active', meta_title: null,
    meta_description: null, tour: null, last_seen: null, comment_notifications: true,
    free_member_signup_notification: true, paid_subscription_started_notification: true,
    paid_subscription_canceled_notification: false, mention_notifications: true,
    recommendation_notifications: true, milestone_notifications: true, donation_notifications: true,
    created_at: owner.created_at, updated_at: owner.updated_at,
    roles: [{ id: owner.id, name: 'Owner', description: 'Site Owner', created_at: owner.created_at, updated_at: owner.updated_at }],
    url: `${baseUrl}/author/${owner.slug}/`,
  };
  const plaintext = plaintextOf(post.html);
  const out = {
    id: post.id,
    uuid: post.uuid,
    title: post.title,
    slug: post.slug,
  };
  if (formats.includes('lexical')) out.lexical = post.lexical;
  if (formats.includes('mobiledoc')) out.mobiledoc = null;
  if (formats.includes('html')) out.html = post.html;
  if (formats.includes('plaintext')) out.plaintext = plaintext;
  Object.assign(out, {
    comment_id: post.id,
    feature_image: post.feature_image,
    featured: post.featured ?? false,
    status: post.status,
    visibility: post.visibility || 'public',
    created_at: post.created_at,
    updated_at: post.updated_at,
    published_at: post.published_at,
    custom_excerpt: post.custom_excerpt,
    codeinjection_head: post.codeinjection_head ?? null,
    codeinjection_foot: post.codeinjection_foot ?? null,
    custom_template: post.custom_template ?? null,
    canonical_url: post.canonical_url ?? null,
    tags,
    tiers: [],
    authors: [author],
    primary_author: author,
    primary_tag: tags[0] || null,
    email_segment: 'all',
    // Ghost answers a preview URL for anything not yet published.
    url: post.status === 'published' ? `${baseUrl}/${post.slug}/` : `${baseUrl}/p/${post.uuid}/`,
    excerpt: post.custom_excerpt || plaintext.slice(0, 500),
    reading_time: Math.round(plaintext.split(/\s+/).filter(Boolean).length / 275),
    og_image: post.og_image ?? null,
    og_title: post.og_title ?? null,
    og_description: post.og_description ?? null,
    twitter_image: post.twitter_image ?? null,
    twitter_title: post.twitter_title ?? null,
    twitter_description: post.twitter_description ?? null,
    meta_title: post.meta_title ?? null,
    meta_description: post.meta_description ?? null,
    email_subject: post.email_subject ?? null,
    frontmatter: null,
    feature_image_alt: post.feature_image_alt,
    feature_image_caption: post.feature_image_caption,
    email_only: false,
    newsletter: null,
    email: null,
  });
  return out;
}

function findPost(id) {
  const post = state.posts.find((p) => p.id === id);
  if (!post) throw E.notFound('Post not found.');
  return post;
}

async function addPost(req, res, query) {
  const input = await readJson(req, 'posts');
  validatePostInput(input, 'save');
  const time = nowIso();
  const post = {
    id: objectId(), uuid: crypto.randomUUID(), title: null, slug: null, html: '', lexical: lexicalFor(''),
    status: 'draft', published_at: null, custom_excerpt: null, feature_image: null, feature_image_alt: null,
    feature_image_caption: null, tag_ids: [], created_at: time, updated_at: time,
  };
  applyPostInput(post, input, query);
  if (!post.slug) post.slug = uniqueSlug(post.title || 'untitled', 'post', post.id);
  finishStatus(post);
  state.posts.push(post);
  saveState();
  sendJson(res, 201, { posts: [serializePost(post, query)] });
}

async function editPost(req, res, query, id) {
  const input = await readJson(req, 'posts');
  validatePostInput(input, 'edit');
  const post = findPost(id);
  const draft = JSON.parse(JSON.stringify(post));
  const changed = applyPostInput(draft, input, query);
  // Ghost's collision check: only when the edit changes something.
  if (changed.length && Date.parse(input.updated_at) !== Date.parse(post.updated_at)) {
    throw E.collision('Saving failed! Someone else is editing this post.', {
      code: 'UPDATE_COLLISION',
      details: { clientUpdatedAt: input.updated_at, serverUpdatedAt: post.updated_at },
    });
  }
  finishStatus(draft);
  if (changed.length) {
    // Whole seconds, and never the same updated_at twice in a row.
    draft.updated_at = isoSeconds(Math.max(nowSeconds(), Date.parse(post.updated_at) / 1000 + 1));
  }
  Object.assign(post, draft);
  saveState();
  sendJson(res, 200, { posts: [serializePost(post, query)] });
}

// A small subset of NQL: key:value, key:'value', key:[a,b], joined by "+".
function filterPosts(filter) {
  if (!filter) return state.posts;
  const clauses = [];
  for (const clause of filter.split('+')) {
    const m = /^([a-z_]+):(.*)$/.exec(clause.trim());
    if (!m) throw E.badRequest('Error parsing filter', { context: filter });
    let values = m[2].trim();
    values = /^\[.*\]$/.test(values) ? values.slice(1, -1).split(',') : [values];
    values = values.map((v) => v.trim().replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1'));
    clauses.push([m[1], values]);
  }
  return state.posts.filter((p) => clauses.every(([key, values]) => {
    if (key === 'tag' || key === 'tags') {
      return p.tag_ids.some((id) => values.includes(state.tags.find((t) => t.id === id)?.slug));
    }
    return values.includes(String(p[key]));
  }));
}

function browsePosts(res, query) {
  const all = filterPosts(query.get('filter'))
    .slice()
    .sort((a, b) => (b.published_at || b.updated_at).localeCompare(a.published_at || a.updated_at));
  const limitRaw = query.get('limit') || '15';
  const limit = limitRaw === 'all' ? Math.max(all.length, 1) : Math.max(1, Number(limitRaw) || 15);
  const page = Math.max(1, Number(query.get('page')) || 1);
  const pages = Math.max(1, Math.ceil(all.length / limit));
  const slice = all.slice((page - 1) * limit, page * limit);
  sendJson(res, 200, {
    posts: slice.map((p) => serializePost(p, query)),
    meta: {
      pagination: {
        page, limit: limitRaw === 'all' ? 'all' : limit, pages, total: all.length,
        next: page < pages ? page + 1 : null, prev: page > 1 ? page - 1 : null,
      },
    },
  });
}

// ---------------------------------------------------------------- routes

const ADMIN = '/ghost/api/admin';

async function route(req, res) {
  const url = new URL(req.url, 'http://localhost');
  const p = url.pathname;
  const q = url.searchParams;
  const m = req.method;
  let match;

  if ((m === 'GET' || m === 'HEAD') && (match = /^\/content\/images\/(.+)$/.exec(p))) {
    return serveImage(req, res, match[1]);
  }

  if (opts.testHooks && p.startsWith('/__standin/')) {
    if (m === 'GET' && p === '/__standin/state') {
      return sendJson(res, 200, {
        posts: state.posts.length,
        images: state.images.length,
        tags: state.tags.length,
        post_list: state.posts.map((x) => ({ id: x.id, slug: x.slug, title: x.title, status: x.status, updated_at: x.updated_at })),
        image_list: state.images.map((i) => `${baseUrl}/content/images/${i.path}`),
      });
    }
    if (m === 'POST' && (match = /^\/__standin\/edit\/([^/]+)\/?$/.exec(p))) {
      const buf = await readBody(req);
      const post = findPost(match[1]);
      if (buf.length) {
        let body;
        try { body = JSON.parse(buf.toString('utf8')); } catch { throw E.badRequest('JSON body expected'); }
        applyPostInput(post, body, new URLSearchParams('source=html'));
      }
      post.updated_at = isoSeconds(Math.max(nowSeconds(), Date.parse(post.updated_at) / 1000 + 1));
      saveState();
      return sendJson(res, 200, { post: { id: post.id, title: post.title, slug: post.slug, updated_at: post.updated_at } });
    }
    throw E.notFound('Resource not found');
  }

  if (!p.startsWith(`${ADMIN}/`)) {
    throw E.notFound('Page not found');
  }
  const rest = p.slice(ADMIN.length); // "/posts/abc/"

  // The one endpoint Ghost answers without authentication.
  if (m === 'GET' && rest === '/site/') {
    return sendJson(res, 200, {
      site: {
        title: opts.title,
        description: 'Thoughts, stories and ideas.',
        logo: null,
        icon: null,
        accent_color: '#FF1A75',
        locale: 'en',
        url: `${baseUrl}/`,
        version: '6.0',
      },
    });
  }

  const isKnown = /^\/(users\/me|posts|posts\/[^/]+|posts\/slug\/[^/]+|images\/upload)\/$/.test(rest);
  if (!isKnown) throw E.notFound('Resource not found');

  authenticate(req);

  if (m === 'GET' && rest === '/users/me/') {
    // An integration's token has no user behind it: Ghost answers 404 for
    // "me" (a staff session would get its own user).
    throw E.notFound('User not found.');
  }
  if (m === 'POST' && rest === '/images/upload/') return uploadImage(req, res);
  if (rest === '/posts/') {
    if (m === 'GET') return browsePosts(res, q);
    if (m === 'POST') return addPost(req, res, q);
  }
  if (m === 'GET' && (match = /^\/posts\/slug\/([^/]+)\/$/.exec(rest))) {
    const post = state.posts.find((x) => x.slug === decodeURIComponent(match[1]));
    if (!post) throw E.notFound('Post not found.');
    return sendJson(res, 200, { posts: [serializePost(post, q)] });
  }
  if ((match = /^\/posts\/([^/]+)\/$/.exec(rest))) {
    const id = decodeURIComponent(match[1]);
    if (m === 'GET') return sendJson(res, 200, { posts: [serializePost(findPost(id), q)] });
    if (m === 'PUT') return editPost(req, res, q, id);
    if (m === 'DELETE') {
      const post = findPost(id);
      state.posts = state.posts.filter((x) => x !== post);
      saveState();
      return sendJson(res, 204, null);
    }
  }
  throw E.notFound('Resource not found');
}

const server = http.createServer((req, res) => {
  route(req, res).catch((err) => {
    if (res.headersSent) { res.destroy(); return; }
    if (err instanceof GhostError) {
      sendError(res, err.status, err.type, err.message, err.extra);
    } else {
      process.stderr.write(`ghost-standin: ${err.stack || err}\n`);
      sendError(res, 500, 'InternalServerError', 'An unexpected error occurred, please try again.');
    }
  });
});

server.listen(opts.port, opts.host, () => {
  const { port } = server.address();
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  baseUrl = `http://${host}:${port}`;
  process.stdout.write(`GHOST_URL=${baseUrl} GHOST_ADMIN_KEY=${state.key}\n`);
});
server.on('error', (e) => die(e.message));

for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => {
    server.close();
    process.exit(0);
  });
}
