#!/usr/bin/env node
// A local stand-in for Ghost's Admin API (Ghost 5/6), for Byline's "publish to
// Ghost" tests. It is NOT Ghost: it answers the handful of Admin API endpoints
// Byline uses the way Ghost's Admin API documents them, and with the status
// codes, field names and error wording a real Ghost 6.65 was seen to answer
// (tests/servers/ghost-notes.md; tests/servers/ghost.sh runs the real one), so
// that tests can run offline, fast, and without a database.
//
// Usage:
//   node tests/servers/ghost-standin.mjs [--port P] [--host 127.0.0.1]
//        [--state DIR] [--key ID:HEXSECRET] [--test-hooks]
//        [--clock-tolerance SECONDS] [--lenient-lifetime]
//        [--image-names numbered|hashed] [--title "Site title"]
//        [--ghost-version 6.65]
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
//       lifetime exceeds 5 minutes"). Real Ghost 6.65 accepts a token without
//       exp, or one valid for 10 minutes if used within 5 minutes of iat;
//       --lenient-lifetime drops this extra rule and answers exactly as Ghost.
//   * `Accept-Version` (any, or none) is accepted; answers carry
//     `Content-Version: v6.65` (--ghost-version). An unknown endpoint is a 404,
//     or a 406 RequestNotAcceptableError (UPDATE_CLIENT) when Accept-Version
//     is older than the server, as Ghost does.
//   * Request bodies as Ghost's JSON schemas (@tryghost/admin-api-schema) and
//     database check them, with Ghost's error wording: "Validation error,
//     cannot save post." (or "edit"), context "Validation failed for <field>.",
//     the ajv error in `details`. A body that is not JSON: 400 typed
//     InternalServerError (sic). No `posts` key, or not exactly one post: 422.
//     Fields that are not part of a post's input (id, uuid, url...) are
//     dropped silently.
//   * Posts: title required on add, a string of at most 255 characters (the
//     database's limit; the schema says 2000), custom_excerpt at most 300,
//     feature_image_alt at most 191, status one of published/draft/scheduled/
//     sent, scheduled needs published_at at least 2 minutes ahead, a tag name
//     cannot be blank. `html` is only read with `?source=html`, as in Ghost
//     (without it Ghost drops html). Edits need `updated_at`; if it differs
//     from the stored one and the edit changes anything (tags and html count),
//     409 UpdateCollisionError "Saving failed! Someone else is editing this
//     post." (code UPDATE_COLLISION, details.changedFields), as Ghost's
//     collision check does. Times are whole seconds, so two edits in the same
//     second leave updated_at as it was, as in Ghost. Ids are 24 hex
//     characters (422 otherwise); an unknown one is a 404 NotFoundError
//     "Resource not found error, cannot read post." (context "Post not found.").
//   * Images: multipart/form-data with a `file` part (422 "Please select an
//     image." without one); the file's extension AND its part Content-Type must
//     both be an image type Ghost accepts (415 UnsupportedMediaTypeError
//     "Please select a valid image."); a file that is not what its extension
//     says is a 400 ("Image processing failed", Ghost's sharp could not read
//     it). Stored as content/images/YYYY/MM/<name>, the name sanitized like
//     Ghost (the name's bytes read as latin1, then anything but [A-Za-z0-9_@.]
//     becomes "-"), the same name again becoming <name>-1, <name>-2, as Ghost
//     6.65's local storage does. --image-names hashed gives
//     <name>-<16 random hex> instead, as ghost-storage-base's newer
//     getUniqueSecureFilePath would.
//
// What it does NOT imitate: Ghost re-renders html through its Lexical editor
// format (so the html Ghost gives back is not byte-for-byte what was sent: an
// <img> in a <figure> comes back as a kg-image-card; the stand-in gives back
// what it got), image resizing and `_o` originals, tiers, members,
// newsletters and e-mail, pages, the legacy /ghost/api/v4/admin/ paths, NQL
// filters beyond `key:value` joined with `+`, and slug transliteration of
// non-Latin titles (accents are stripped; other letters are dropped).

import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

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
    imageNames: 'numbered',
    title: 'Byline test site',
    ghostVersion: '6.65',
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
      case '--ghost-version': opts.ghostVersion = next(); break;
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
    'Content-Version': `v${opts.ghostVersion}`,
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

async function readJson(req, rootKey, action) {
  const buf = await readBody(req);
  const ctype = (req.headers['content-type'] || '').toLowerCase();
  let body = {};
  if (buf.length && ctype.includes('json')) {
    try {
      body = JSON.parse(buf.toString('utf8'));
    } catch (e) {
      // Ghost answers a body that is not JSON so: a 400 typed InternalServerError.
      throw new GhostError(400, 'InternalServerError', 'An unexpected error occurred, please try again.', {
        context: e.message, code: 'UNEXPECTED_ERROR',
      });
    }
  }
  const resource = rootKey.replace(/s$/, '');
  if (!body || typeof body !== 'object' || body[rootKey] === undefined) {
    throw schemaError(action, resource, '', '#/required', 'required', { missingProperty: rootKey }, `must have required property '${rootKey}'`);
  }
  const list = body[rootKey];
  if (!Array.isArray(list)) {
    throw schemaError(action, resource, `/${rootKey}`, `#/properties/${rootKey}/type`, 'type', { type: 'array' }, 'must be array');
  }
  if (list.length > 1) {
    throw schemaError(action, resource, `/${rootKey}`, `#/properties/${rootKey}/maxItems`, 'maxItems', { limit: 1 }, 'must NOT have more than 1 items');
  }
  if (list.length < 1) {
    throw schemaError(action, resource, `/${rootKey}`, `#/properties/${rootKey}/minItems`, 'minItems', { limit: 1 }, 'must NOT have fewer than 1 items');
  }
  if (typeof list[0] !== 'object' || list[0] === null) {
    throw schemaError(action, resource, `/${rootKey}/0`, `#/properties/${rootKey}/items/type`, 'type', { type: 'object' }, 'must be object');
  }
  return list[0];
}

// Ghost's answer to a request its JSON schema (@tryghost/admin-api-schema,
// checked by ajv) refuses: the ajv error in `details`, its last path segment
// (or the missing property) as `property`.
function schemaError(action, resource, instancePath, schemaPath, keyword, params, message) {
  const property = instancePath ? instancePath.split('/').pop() : params.missingProperty;
  return E.validation(`Validation error, cannot ${action} ${resource}.`, {
    context: `Validation failed for ${property}.`,
    property,
    details: [{ instancePath, schemaPath, keyword, params, message }],
  });
}

// Ghost's answer to what its database schema refuses (lengths, blanks).
function modelError(action, resource, text) {
  return E.validation(`Validation error, cannot ${action} ${resource}.`, { context: text });
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
    // latin1, as busboy (under Ghost's multer) reads part headers: a UTF-8
    // file name arrives as one character per byte.
    for (const line of buf.subarray(pos, headEnd).toString('latin1').split('\r\n')) {
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
    throw schemaError('upload', 'image', '/purpose', 'images#/definitions/image/properties/purpose/enum', 'enum',
      { allowedValues: ['image', 'profile_image', 'icon'] }, 'must be equal to one of the allowed values');
  }
  if (!looksLikeImage(ext, file.data)) {
    // What Ghost answers when sharp cannot read the picture.
    throw E.badRequest('Request not understood error, cannot upload image.', {
      context: 'Image processing failed Unable to manipulate image.',
      help: 'Please verify that the image is valid',
    });
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

// Ghost runs every upload through sharp and refuses what it cannot read. The
// stand-in checks the format's signature, and decodes a PNG's structure (every
// chunk's CRC, the pixel data inflating to the size its header says), which
// catches truncated, corrupt or mislabelled files.
function looksLikeImage(ext, d) {
  const starts = (hex, at = 0) => d.subarray(at, at + hex.length / 2).equals(Buffer.from(hex, 'hex'));
  switch (ext) {
    case '.png': return starts('89504e470d0a1a0a') && pngIsWhole(d);
    case '.jpg': case '.jpeg': return d.length > 4 && starts('ffd8ff');
    case '.gif': return d.length > 10 && (starts('474946383761') || starts('474946383961'));
    case '.webp': return d.length > 12 && starts('52494646') && d.subarray(8, 12).toString('latin1') === 'WEBP';
    case '.ico': return d.length > 6 && starts('00000100');
    case '.svg': return /<svg[\s>]/i.test(d.subarray(0, 4096).toString('utf8'));
    case '.svgz': return starts('1f8b');
    default: return d.length > 12 && d.subarray(4, 8).toString('latin1') === 'ftyp'; // avif, heic, heif
  }
}

function pngIsWhole(d) {
  let pos = 8;
  let header = null;
  const idat = [];
  while (pos + 12 <= d.length) {
    const len = d.readUInt32BE(pos);
    const type = d.subarray(pos + 4, pos + 8).toString('latin1');
    if (pos + 12 + len > d.length) return false;
    if (crc32(d.subarray(pos + 4, pos + 8 + len)) !== d.readUInt32BE(pos + 8 + len)) return false;
    const data = d.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      if (len !== 13) return false;
      header = { w: data.readUInt32BE(0), h: data.readUInt32BE(4), depth: data[8], color: data[9], interlace: data[12] };
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      if (!header || !idat.length || !header.w || !header.h) return false;
      let pixels;
      try { pixels = zlib.inflateSync(Buffer.concat(idat)); } catch { return false; }
      if (header.interlace) return pixels.length > 0;
      const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[header.color];
      if (!channels) return false;
      const rowBytes = Math.ceil((header.w * channels * header.depth) / 8);
      return pixels.length >= header.h * (1 + rowBytes);
    }
    pos += 12 + len;
  }
  return false;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
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

// Greek and Cyrillic as unidecode (which Ghost's slugify uses) spells them.
const TRANSLIT = {};
for (const [from, to] of [
  ['αάβγδεέζηήθιίϊΐκλμνξοόπρσςτυύϋΰφχψωώ',
    'a a b g d e e z e e th i i i i k l m n ks o o p r s s t u u u u ph kh ps o o'],
  ['абвгдеёжзийклмнопрстуфхцчшщъыьэюяєіїґў',
    "a b v g d e io zh z i i k l m n o p r s t u f kh ts ch sh shch ' y ' e iu ia ie i i g u"],
]) {
  const outs = to.split(' ');
  [...from].forEach((ch, i) => { TRANSLIT[ch] = outs[i]; });
}

// A near copy of @tryghost/string's slugify: accents stripped, Greek and
// Cyrillic transliterated as unidecode does, other scripts dropped.
function slugify(str) {
  return [...String(str || '').trim().toLowerCase()].map((ch) => TRANSLIT[ch] ?? ch).join('')
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
const MAX_LEN = { title: ['posts', 255], feature_image_alt: ['post_revisions', 191] };

// A minimal Lexical document holding the html in one html card: what Ghost
// keeps is a real conversion, but no client should read `lexical` anyway.
const lexicalFor = (html) => JSON.stringify({
  root: { children: [{ type: 'html', version: 1, html }], direction: null, format: '', indent: 0, type: 'root', version: 1 },
});
const EMPTY_LEXICAL = JSON.stringify({
  root: { children: [{ children: [], direction: null, format: '', indent: 0, type: 'paragraph', version: 1 }],
    direction: null, format: '', indent: 0, type: 'root', version: 1 },
});
const plaintextOf = (html) => String(html || '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();

// The fields of admin-api-schema's post definition: Ghost drops any other
// field of an incoming post (id, uuid, url, excerpt...) without a word.
const INPUT_FIELDS = new Set(['title', 'slug', 'mobiledoc', 'lexical', 'html', 'feature_image', 'feature_image_alt',
  'feature_image_caption', 'featured', 'status', 'locale', 'visibility', 'visibility_filter', 'tiers', 'meta_title',
  'meta_description', 'updated_at', 'published_at', 'custom_excerpt', 'codeinjection_head', 'codeinjection_foot',
  'og_image', 'og_title', 'og_description', 'twitter_image', 'twitter_title', 'twitter_description', 'email_subject',
  'custom_template', 'canonical_url', 'email_only', 'authors', 'tags', 'collections']);
// maxLength in admin-api-schema's post definition.
const SCHEMA_MAX = { title: 2000, slug: 191, feature_image: 2000, feature_image_alt: 65535, feature_image_caption: 65535,
  meta_title: 300, meta_description: 500, custom_excerpt: 300, og_image: 2000, og_title: 300, og_description: 500,
  twitter_image: 2000, twitter_title: 300, twitter_description: 500, email_subject: 300, custom_template: 100,
  canonical_url: 2000 };
const STRING_FIELDS = ['title', 'slug', 'html', 'lexical', 'status', 'updated_at', 'published_at', ...Object.keys(SCHEMA_MAX)];

function validatePostInput(raw, action) {
  const input = {};
  for (const [k, v] of Object.entries(raw)) if (INPUT_FIELDS.has(k)) input[k] = v;
  const at = (f) => `/posts/0/${f}`;
  const fail = (f, keyword, params, message) =>
    schemaError(action, 'post', at(f), `#/properties/${f}/${keyword}`, keyword, params, message);
  if (action === 'save' && input.title === undefined) {
    throw schemaError(action, 'post', '/posts/0', '#/properties/posts/items/required', 'required',
      { missingProperty: 'title' }, "must have required property 'title'");
  }
  if (action === 'edit' && input.updated_at === undefined) {
    throw schemaError(action, 'post', '/posts/0', '#/properties/posts/items/required', 'required',
      { missingProperty: 'updated_at' }, "must have required property 'updated_at'");
  }
  for (const f of STRING_FIELDS) {
    const v = input[f];
    if (v === undefined) continue;
    const nullable = !['title', 'slug', 'status'].includes(f);
    if (v === null && nullable) continue;
    if (typeof v !== 'string') throw fail(f, 'type', { type: nullable ? ['string', 'null'] : 'string' }, nullable ? 'must be string,null' : 'must be string');
    if (SCHEMA_MAX[f] && v.length > SCHEMA_MAX[f]) {
      throw fail(f, 'maxLength', { limit: SCHEMA_MAX[f] }, `must NOT have more than ${SCHEMA_MAX[f]} characters`);
    }
  }
  if (input.status !== undefined && !POST_STATUSES.includes(input.status)) {
    throw fail('status', 'enum', { allowedValues: ['published', 'draft', 'scheduled', 'sent'] }, 'must be equal to one of the allowed values');
  }
  if (input.tags !== undefined && !Array.isArray(input.tags)) throw fail('tags', 'type', { type: 'array' }, 'must be array');
  // Then the database's limits, which Ghost words differently.
  for (const [field, [table, max]] of Object.entries(MAX_LEN)) {
    if (typeof input[field] === 'string' && input[field].length > max) {
      throw modelError(action, 'post', `Value in [${table}.${field}] exceeds maximum length of ${max} characters. ${table}.${field}`);
    }
  }
  for (const t of input.tags || []) {
    const name = typeof t === 'string' ? t : t && t.name;
    if (name !== undefined && name !== null && !String(name).trim() && !(t && (t.id || t.slug))) {
      throw modelError(action, 'post', 'Value in [tags.name] cannot be blank. tags.name');
    }
  }
  return input;
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
    post.html = String(input.html);
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
    if (!post.published_at || Date.parse(post.published_at) < Date.now() + 2 * 60 * 1000) {
      // Ghost 6.65's own wording, minus sign included.
      throw modelError('save', 'post', 'Date must be at least -2 minutes in the future.');
    }
  }
}

// ?fields=a,b keeps only those fields, as Ghost does.
function serializePost(post, query) {
  const full = serializeFullPost(post, query);
  const fields = query.get('fields');
  if (!fields) return full;
  const keep = fields.split(',').map((f) => f.trim());
  return Object.fromEntries(Object.entries(full).filter(([k]) => keep.includes(k)));
}

function serializeFullPost(post, query) {
  const formats = (query.get('formats') || 'mobiledoc,lexical').split(',').map((s) => s.trim());
  const tags = post.tag_ids.map((id) => state.tags.find((t) => t.id === id)).filter(Boolean).map(serializeTag);
  const owner = state.owner;
  const author = {
    id: owner.id, name: owner.name, slug: owner.slug, email: owner.email,
    profile_image: null, cover_image: null, bio: null, website: null, location: null,
    facebook: null, twitter: null, threads: null, bluesky: null, mastodon: null, tiktok: null,
    youtube: null, instagram: null, linkedin: null,
    accessibility: null, status: 'active', meta_title: null,
    meta_description: null, tour: null, last_seen: null, comment_notifications: true,
    free_member_signup_notification: true, paid_subscription_started_notification: true,
    paid_subscription_canceled_notification: false, mention_notifications: true,
    recommendation_notifications: true, milestone_notifications: true, donation_notifications: true,
    gift_subscription_notifications: true,
    created_at: owner.created_at, updated_at: owner.updated_at,
    roles: [{ id: owner.id, name: 'Owner', description: 'Blog Owner', created_at: owner.created_at, updated_at: owner.updated_at }],
    url: `${baseUrl}/author/${owner.slug}/`,
  };
  const plaintext = plaintextOf(post.html);
  const out = {
    id: post.id,
    uuid: post.uuid,
    title: post.title,
    slug: post.slug,
  };
  // Ghost's key order: the formats asked for, comment_id, then plaintext.
  if (formats.includes('mobiledoc')) out.mobiledoc = null;
  if (formats.includes('lexical')) out.lexical = post.lexical;
  if (formats.includes('html')) out.html = post.html ?? null;
  out.comment_id = post.id;
  if (formats.includes('plaintext')) out.plaintext = plaintext;
  Object.assign(out, {
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
    authors: [author],
    tiers: [],
    count: { clicks: 0, positive_feedback: 0, negative_feedback: 0 },
    primary_author: author,
    primary_tag: tags[0] || null,
    email_segment: 'all',
    // Ghost answers a preview URL for anything not yet published.
    url: post.status === 'published' ? `${baseUrl}/${post.slug}/` : `${baseUrl}/p/${post.uuid}/`,
    // Ghost leaves reading_time out of a post without content.
    excerpt: post.custom_excerpt || plaintext.slice(0, 500) || null,
    ...(plaintext ? { reading_time: Math.round(plaintext.split(/\s+/).filter(Boolean).length / 275) } : {}),
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
    email: null,
    newsletter: null,
  });
  return out;
}

// Ghost's api-framework wraps a model's error: "Resource not found error,
// cannot read post." with the model's own words as context.
function findPost(id, action = 'read') {
  const post = state.posts.find((p) => p.id === id);
  if (!post) throw E.notFound(`Resource not found error, cannot ${action} post.`, { context: 'Post not found.' });
  return post;
}

// Ids are 24 hex characters; Ghost refuses anything else before looking.
function checkId(id, action) {
  if (!/^[a-f\d]{24}$/i.test(id)) {
    throw modelError(action, 'post', 'Validation (matches) failed for id undefined.id');
  }
}

async function addPost(req, res, query) {
  const input = validatePostInput(await readJson(req, 'posts', 'save'), 'save');
  const time = nowIso();
  const post = {
    id: objectId(), uuid: crypto.randomUUID(), title: null, slug: null, html: null, lexical: EMPTY_LEXICAL,
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
  checkId(id, 'edit');
  const input = validatePostInput(await readJson(req, 'posts', 'edit'), 'edit');
  const post = findPost(id, 'edit');
  const draft = JSON.parse(JSON.stringify(post));
  const changed = applyPostInput(draft, input, query);
  // Ghost's collision check: only when the edit changes something.
  if (changed.length && Date.parse(input.updated_at) !== Date.parse(post.updated_at)) {
    // (Ghost's details hold two moment objects, which JSON shows as {}.)
    throw E.collision('Saving failed! Someone else is editing this post.', {
      context: 'Saving failed! Someone else is editing this post.',
      code: 'UPDATE_COLLISION',
      details: { changedFields: changed, clientUpdatedAt: {}, serverUpdatedAt: {} },
    });
  }
  finishStatus(draft);
  // Whole seconds, as Ghost: two edits in the same second keep the same
  // updated_at (and so cannot collide with each other).
  if (changed.length) draft.updated_at = nowIso();
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
    if (!m || !m[2].trim()) throw E.badRequest('Request not understood error, cannot list posts.', { context: 'Error parsing filter' });
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
  // Ghost's default order: scheduled, then drafts, then the rest; published_at
  // newest first (not for drafts), then updated_at, then id.
  const rank = (p) => (p.status === 'scheduled' ? 1 : p.status === 'draft' ? 2 : 3);
  const pub = (p) => (p.status !== 'draft' && p.published_at) || '';
  const all = filterPosts(query.get('filter'))
    .slice()
    .sort((a, b) => rank(a) - rank(b) || pub(b).localeCompare(pub(a)) ||
      b.updated_at.localeCompare(a.updated_at) || b.id.localeCompare(a.id));
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
        version: opts.ghostVersion,
      },
    });
  }

  const isKnown = /^\/(users\/me|posts|posts\/[^/]+|posts\/slug\/[^/]+|images\/upload)\/$/.test(rest);
  if (!isKnown) throw unknownEndpoint(req);

  authenticate(req);

  if (m === 'GET' && rest === '/users/me/') {
    // An integration's token has no user behind it: Ghost answers 404 for
    // "me" (a staff session would get its own user).
    throw E.notFound('Resource not found error, cannot read user.', { context: 'User not found.' });
  }
  if (m === 'POST' && rest === '/images/upload/') return uploadImage(req, res);
  if (rest === '/posts/') {
    if (m === 'GET') return browsePosts(res, q);
    if (m === 'POST') return addPost(req, res, q);
  }
  if (m === 'GET' && (match = /^\/posts\/slug\/([^/]+)\/$/.exec(rest))) {
    const post = state.posts.find((x) => x.slug === decodeURIComponent(match[1]));
    if (!post) throw E.notFound('Resource not found error, cannot read post.', { context: 'Post not found.' });
    return sendJson(res, 200, { posts: [serializePost(post, q)] });
  }
  if ((match = /^\/posts\/([^/]+)\/$/.exec(rest))) {
    const id = decodeURIComponent(match[1]);
    if (m === 'GET') {
      checkId(id, 'read');
      return sendJson(res, 200, { posts: [serializePost(findPost(id), q)] });
    }
    if (m === 'PUT') return editPost(req, res, q, id);
    if (m === 'DELETE') {
      checkId(id, 'delete');
      const post = findPost(id, 'delete');
      state.posts = state.posts.filter((x) => x !== post);
      saveState();
      return sendJson(res, 204, null);
    }
  }
  throw unknownEndpoint(req);
}

// An endpoint Ghost does not have: 404, or 406 when the client said it wants
// an older API version than the server's (Ghost blames the client's age).
function unknownEndpoint(req) {
  const wanted = /^v(\d+)(?:\.(\d+))?$/.exec(req.headers['accept-version'] || '');
  const [major, minor] = opts.ghostVersion.split('.').map(Number);
  if (wanted && (Number(wanted[1]) < major || (Number(wanted[1]) === major && Number(wanted[2] || 0) < minor))) {
    return new GhostError(406, 'RequestNotAcceptableError', 'Request could not be served, the endpoint was not found.', {
      context: `Provided client accept-version ${req.headers['accept-version']} is behind current Ghost version v${opts.ghostVersion}.`,
      help: 'Try upgrading your Ghost API client.',
      code: 'UPDATE_CLIENT',
    });
  }
  return E.notFound('Resource not found');
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
