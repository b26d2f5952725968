// Tests for the Ghost Admin API stand-in (ghost-standin.mjs).
// Run: node --test tests/servers/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCRIPT = path.join(HERE, 'ghost-standin.mjs');

// Starts the stand-in; resolves with {url, key, proc} once it printed its line.
function start(args) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [SCRIPT, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => { proc.kill(); reject(new Error(`no start line; stderr: ${err}`)); }, 10000);
    proc.stderr.on('data', (d) => { err += d; });
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /^GHOST_URL=(\S+) GHOST_ADMIN_KEY=(\S+)\n/.exec(out);
      if (m) { clearTimeout(timer); resolve({ url: m[1], key: m[2], proc }); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`exited ${code}: ${err}`)); });
  });
}

function stop(proc) {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) return resolve();
    proc.removeAllListeners('exit');
    proc.on('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

const b64url = (x) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');

// A token made as Ghost's documentation says: HS256, kid = key id, signed
// with the hex-decoded secret, aud /admin/, 5 minutes.
function token(key, { kid, aud = '/admin/', iat, exp, secret } = {}) {
  const [id, hex] = key.split(':');
  const now = Math.floor(Date.now() / 1000);
  const header = b64url({ alg: 'HS256', typ: 'JWT', kid: kid ?? id });
  const payload = b64url({ iat: iat ?? now, exp: exp ?? (iat ?? now) + 300, aud });
  const sig = crypto.createHmac('sha256', Buffer.from(secret ?? hex, 'hex')).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${sig}`;
}

// A real 4x3 RGB PNG (Ghost, and so the stand-in, refuses a file that is not
// the picture its extension says).
function png() {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(4, 0);
  ihdr.writeUInt32BE(3, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Buffer.alloc(3 * (1 + 4 * 3), 0x0d); // filter bytes and pixels; 0x0d, as in "\r"
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

let server;
let stateDir;

before(async () => {
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ghost-standin-'));
  server = await start(['--state', stateDir, '--test-hooks']);
});

after(async () => {
  if (server) await stop(server.proc);
  fs.rmSync(stateDir, { recursive: true, force: true });
});

function api(p, { method = 'GET', tok, body, headers = {} } = {}) {
  const h = { 'Accept-Version': 'v6.0', ...headers };
  if (tok !== null) h.Authorization = `Ghost ${tok ?? token(server.key)}`;
  let payload = body;
  if (body && !(body instanceof FormData)) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  return fetch(`${server.url}/ghost/api/admin${p}`, { method, headers: h, body: payload });
}

async function expectError(res, status, type) {
  assert.equal(res.status, status);
  const body = await res.json();
  assert.equal(body.errors.length, 1);
  assert.equal(body.errors[0].type, type);
  assert.equal(typeof body.errors[0].message, 'string');
  return body.errors[0];
}

test('prints a usable URL and an id:hexsecret key', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.match(server.key, /^[0-9a-f]{24}:[0-9a-f]{64}$/);
});

test('site answers without a token', async () => {
  const res = await api('/site/', { tok: null });
  assert.equal(res.status, 200);
  const { site } = await res.json();
  assert.equal(site.url, `${server.url}/`);
  assert.ok(site.version);
});

test('a good token passes', async () => {
  const res = await api('/posts/');
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.ok(Array.isArray(body.posts));
  assert.equal(body.meta.pagination.page, 1);
});

test('a missing Authorization header is refused', async () => {
  await expectError(await api('/posts/', { tok: null }), 403, 'NoPermissionError');
});

test('an expired token gives 401', async () => {
  const now = Math.floor(Date.now() / 1000);
  const err = await expectError(await api('/posts/', { tok: token(server.key, { iat: now - 200, exp: now - 10 }) }), 401, 'UnauthorizedError');
  assert.match(err.message, /jwt expired/);
});

test('a wrong kid gives 401', async () => {
  const err = await expectError(await api('/posts/', { tok: token(server.key, { kid: 'a'.repeat(24) }) }), 401, 'UnauthorizedError');
  assert.equal(err.message, 'Unknown Admin API Key');
});

test('a wrong audience gives 401', async () => {
  const err = await expectError(await api('/posts/', { tok: token(server.key, { aud: '/content/' }) }), 401, 'UnauthorizedError');
  assert.match(err.message, /audience/);
});

test('a token valid for more than 5 minutes gives 401', async () => {
  const now = Math.floor(Date.now() / 1000);
  // Longer than documented, used at once.
  await expectError(await api('/posts/', { tok: token(server.key, { iat: now, exp: now + 600 }) }), 401, 'UnauthorizedError');
  // Issued more than 5 minutes ago, not yet expired: Ghost's own maxAge check.
  const err = await expectError(await api('/posts/', { tok: token(server.key, { iat: now - 400, exp: now + 60 }) }), 401, 'UnauthorizedError');
  assert.match(err.message, /maxAge exceeded/);
});

test('a token signed with the wrong secret gives 401', async () => {
  const err = await expectError(await api('/posts/', { tok: token(server.key, { secret: 'ab'.repeat(32) }) }), 401, 'UnauthorizedError');
  assert.match(err.message, /invalid signature/);
});

test('a token signed with the secret as text, not hex-decoded, gives 401', async () => {
  const [id, hex] = server.key.split(':');
  const header = b64url({ alg: 'HS256', typ: 'JWT', kid: id });
  const now = Math.floor(Date.now() / 1000);
  const payload = b64url({ iat: now, exp: now + 300, aud: '/admin/' });
  const sig = crypto.createHmac('sha256', hex).update(`${header}.${payload}`).digest('base64url');
  await expectError(await api('/posts/', { tok: `${header}.${payload}.${sig}` }), 401, 'UnauthorizedError');
});

test('an image upload round trip', async () => {
  const bytes = png();
  const upload = async () => {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'image/png' }), 'My photo (1).png');
    form.append('purpose', 'image');
    form.append('ref', 'story-7/photo.png');
    return api('/images/upload/', { method: 'POST', body: form });
  };
  const res = await upload();
  assert.equal(res.status, 201);
  const { images } = await res.json();
  assert.equal(images.length, 1);
  assert.equal(images[0].ref, 'story-7/photo.png');
  assert.match(images[0].url, new RegExp(`^${server.url}/content/images/\\d{4}/\\d{2}/My-photo--1-\\.png$`));
  const got = await fetch(images[0].url);
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), bytes);

  // The same name again gives another file, numbered as Ghost does.
  const again = await (await upload()).json();
  assert.equal(again.images[0].url, images[0].url.replace(/\.png$/, '-1.png'));

  // A file that is not the picture its name says.
  const bad = new FormData();
  bad.append('file', new Blob([bytes.subarray(0, 20)], { type: 'image/png' }), 'cut.png');
  const badErr = await expectError(await api('/images/upload/', { method: 'POST', body: bad }), 400, 'BadRequestError');
  assert.match(badErr.context, /Image processing failed/);

  // Not an image.
  const form = new FormData();
  form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'notes.txt');
  await expectError(await api('/images/upload/', { method: 'POST', body: form }), 415, 'UnsupportedMediaTypeError');
  // No file.
  const empty = new FormData();
  empty.append('purpose', 'image');
  await expectError(await api('/images/upload/', { method: 'POST', body: empty }), 422, 'ValidationError');
});

test('a post create, then an update with a stale updated_at gives 409', async () => {
  const res = await api('/posts/?source=html&formats=html', {
    method: 'POST',
    body: { posts: [{ title: 'Council votes on the bridge', html: '<p>It passed.</p>', tags: ['Local', { name: 'Politics' }], status: 'draft', custom_excerpt: 'It passed.' }] },
  });
  assert.equal(res.status, 201);
  const [post] = (await res.json()).posts;
  assert.match(post.id, /^[0-9a-f]{24}$/);
  assert.equal(post.slug, 'council-votes-on-the-bridge');
  assert.equal(post.html, '<p>It passed.</p>');
  assert.equal(post.url, `${server.url}/p/${post.uuid}/`);
  assert.deepEqual(post.tags.map((t) => t.name), ['Local', 'Politics']);

  // Found by slug filter.
  const found = await (await api('/posts/?filter=slug:council-votes-on-the-bridge&formats=html')).json();
  assert.equal(found.posts.length, 1);
  assert.equal(found.posts[0].id, post.id);

  // A good update publishes it.
  const upd = await api(`/posts/${post.id}/?source=html`, {
    method: 'PUT',
    body: { posts: [{ title: 'Council passes the bridge', status: 'published', updated_at: post.updated_at }] },
  });
  assert.equal(upd.status, 200);
  const [published] = (await upd.json()).posts;
  assert.equal(published.url, `${server.url}/council-votes-on-the-bridge/`);
  assert.ok(published.published_at);

  // Someone edits it in Ghost; our copy of updated_at is now stale.
  const hook = await fetch(`${server.url}/__standin/edit/${post.id}`, { method: 'POST' });
  assert.equal(hook.status, 200);
  const stale = await api(`/posts/${post.id}/?source=html`, {
    method: 'PUT',
    body: { posts: [{ title: 'Our version', updated_at: published.updated_at }] },
  });
  const err = await expectError(stale, 409, 'UpdateCollisionError');
  assert.equal(err.message, 'Saving failed! Someone else is editing this post.');
  assert.equal(err.code, 'UPDATE_COLLISION');
  assert.deepEqual(err.details.changedFields, ['title']);

  // The same stale updated_at with nothing changed is not a collision.
  const same = await api(`/posts/${post.id}/`, {
    method: 'PUT',
    body: { posts: [{ title: 'Council passes the bridge', updated_at: published.updated_at }] },
  });
  assert.equal(same.status, 200);

  // No updated_at at all.
  await expectError(await api(`/posts/${post.id}/`, { method: 'PUT', body: { posts: [{ title: 'x' }] } }), 422, 'ValidationError');
});

test('validation and not-found errors', async () => {
  const noTitle = await expectError(await api('/posts/?source=html', { method: 'POST', body: { posts: [{ html: '<p>x</p>' }] } }), 422, 'ValidationError');
  assert.equal(noTitle.message, 'Validation error, cannot save post.');
  assert.equal(noTitle.details[0].params.missingProperty, 'title');
  const long = await expectError(await api('/posts/', { method: 'POST', body: { posts: [{ title: 'x'.repeat(256) }] } }), 422, 'ValidationError');
  assert.match(long.context, /exceeds maximum length of 255 characters/);
  await expectError(await api('/posts/', { method: 'POST', body: { posts: [{ title: 'a' }, { title: 'b' }] } }), 422, 'ValidationError');
  const missing = await expectError(await api('/posts/0123456789abcdef01234567/'), 404, 'NotFoundError');
  assert.equal(missing.context, 'Post not found.');
  await expectError(await api('/posts/0123456789abcdef01234567/', { method: 'DELETE' }), 404, 'NotFoundError');
  await expectError(await api('/posts/not-an-id/'), 422, 'ValidationError');
  const me = await expectError(await api('/users/me/'), 404, 'NotFoundError');
  assert.equal(me.context, 'User not found.');
});

test('state survives a restart', async () => {
  const created = await (await api('/posts/', { method: 'POST', body: { posts: [{ title: 'Kept' }] } })).json();
  const before = await (await fetch(`${server.url}/__standin/state`)).json();
  const port = new URL(server.url).port;
  await stop(server.proc);
  server = await start(['--state', stateDir, '--test-hooks', '--port', port]);
  const afterState = await (await fetch(`${server.url}/__standin/state`)).json();
  assert.equal(afterState.posts, before.posts);
  assert.equal(afterState.images, before.images);
  const got = await api(`/posts/${created.posts[0].id}/`); // same key still works
  assert.equal(got.status, 200);
  const img = await fetch(afterState.image_list[0]);
  assert.equal(img.status, 200);
  const del = await api(`/posts/${created.posts[0].id}/`, { method: 'DELETE' });
  assert.equal(del.status, 204);
});
