// Checks the transparency log in the browser, trusting nothing the server says unless its signature or
// its hashes prove it: the checkpoint's Ed25519 signature (WebCrypto), then every entry's leaf hash and the
// Merkle root (RFC 9162, SHA-256) as docs/PROTOCOL.md section 9 specifies. Names any entry that does not
// match. No dependencies; runs after the page has rendered.
'use strict';

(function () {
  const statusBox = document.getElementById('verify-status');
  const button = document.getElementById('verify-button');
  if (!statusBox) {
    return;
  }
  const utf8 = new TextEncoder();
  const PAGE = 1000;

  function say(kind, lines) {
    statusBox.className = 'status ' + kind;
    statusBox.replaceChildren(...lines.map((text) => {
      const p = document.createElement('p');
      p.textContent = text;
      return p;
    }));
  }

  function concat(parts) {
    const length = parts.reduce((sum, part) => sum + part.length, 0);
    const out = new Uint8Array(length);
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }

  async function sha256(...parts) {
    return new Uint8Array(await crypto.subtle.digest('SHA-256', concat(parts)));
  }

  function fromBase64(text) {
    const standard = text.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(standard + '='.repeat((4 - standard.length % 4) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  }

  function fromHex(hex) {
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) {
      out[i] = parseInt(hex.substr(2 * i, 2), 16);
    }
    return out;
  }

  function toHex(bytes) {
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function equal(a, b) {
    return a.length === b.length && a.every((byte, i) => byte === b[i]);
  }

  function u32(n) {
    const out = new Uint8Array(4);
    new DataView(out.buffer).setUint32(0, n);
    return out;
  }

  function u64(n) {
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigUint64(0, BigInt(n));
    return out;
  }

  function field(text) {
    const bytes = utf8.encode(text);
    return concat([u32(bytes.length), bytes]);
  }

  /** leaf_hash(leaf_data) of section 9.1 and 9.2. */
  async function leafHash(entry) {
    const data = concat([u64(entry.index), field(entry.timestamp), field(entry.type), field(entry.payloadText)]);
    return sha256(new Uint8Array([0]), data);
  }

  /** MTH over the leaf hashes hashes[lo, hi). */
  async function root(hashes, lo, hi) {
    const n = hi - lo;
    if (n === 0) {
      return sha256();
    }
    if (n === 1) {
      return hashes[lo];
    }
    let k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    const left = await root(hashes, lo, lo + k);
    const right = await root(hashes, lo + k, hi);
    return sha256(new Uint8Array([1]), left, right);
  }

  async function json(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(path + ' answered ' + response.status);
    }
    return response.json();
  }

  /** Verifies the signed note of section 9.4; returns its size, root and time. */
  async function checkSignature(note, origin, publicKey) {
    const split = note.lastIndexOf('\n\n');
    if (split < 0) {
      throw new Error('the checkpoint is not a signed note');
    }
    const body = note.substring(0, split + 1);
    const lines = body.split('\n');
    if (lines.length !== 5 || lines[0] !== origin || !/^(0|[1-9][0-9]*)$/.test(lines[1])
        || !lines[3].startsWith('timestamp ')) {
      throw new Error('the checkpoint is not in the form the protocol specifies');
    }
    const keyId = (await sha256(utf8.encode(origin), new Uint8Array([0x0a, 0x01]), publicKey)).slice(0, 4);
    const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
    let verified = false;
    for (const line of note.substring(split + 2).split('\n')) {
      const prefix = '\u2014 ' + origin + ' ';
      if (!line.startsWith(prefix)) {
        continue;
      }
      const signed = fromBase64(line.substring(prefix.length));
      if (!equal(signed.slice(0, 4), keyId)) {
        continue;
      }
      if (signed.length !== 68
          || !(await crypto.subtle.verify({ name: 'Ed25519' }, key, signed.slice(4), utf8.encode(body)))) {
        return null;
      }
      verified = true;
    }
    return verified ? { size: Number(lines[1]), root: fromBase64(lines[2]), time: lines[3].substring(10) } : null;
  }

  function mark(index, text) {
    const item = document.getElementById('entry-' + index);
    if (item) {
      item.classList.add('altered');
      const warning = document.createElement('strong');
      warning.className = 'warning';
      warning.textContent = ' ' + text;
      item.appendChild(warning);
    }
  }

  async function verify() {
    button.hidden = true;
    if (!window.crypto || !crypto.subtle) {
      say('failed', ['Your browser cannot check signatures on this page (WebCrypto needs HTTPS).',
        'Use pet log verify instead.']);
      return;
    }
    say('pending', ['Checking the log in your browser\u2026']);
    try {
      const keyInfo = await json('/v1/transparency/key');
      const publicKey = fromBase64(keyInfo.publicKey);
      const fingerprint = toHex(await sha256(publicKey));
      const shown = (document.getElementById('fingerprint') || {}).textContent || '';
      if (shown.replace(/\s/g, '') !== fingerprint) {
        say('failed', ['The key the server uses is not the one this page shows.']);
        return;
      }
      const checkpoint = await json('/v1/transparency/checkpoint');
      const signed = await checkSignature(checkpoint.note, keyInfo.origin, publicKey);
      if (!signed) {
        say('failed', ['The checkpoint\u2019s signature does not verify with the server\u2019s key.']);
        return;
      }
      const computed = [];
      for (let from = 0; from < signed.size; from += PAGE) {
        const page = await json('/v1/transparency/log?from=' + from + '&limit=' + PAGE);
        for (const entry of page.entries) {
          if (entry.index !== computed.length || entry.index >= signed.size) {
            continue;
          }
          computed.push(await leafHash(entry));
        }
        say('pending', ['Checking the log in your browser\u2026 ' + computed.length + ' of ' + signed.size
          + ' entries read.']);
      }
      if (computed.length !== signed.size) {
        say('failed', ['The server served ' + computed.length + ' entries but signed ' + signed.size + '.']);
        return;
      }
      if (equal(await root(computed, 0, computed.length), signed.root)) {
        say('verified', [(signed.size === 0 ? 'Verified: the log is empty, as its checkpoint signed at '
          + signed.time + ' says.' : 'Verified up to entry ' + (signed.size - 1) + ': all ' + signed.size
          + ' entries match the checkpoint signed at ' + signed.time + '.'),
          'Key fingerprint (SHA-256): ' + fingerprint.replace(/(.{4})(?!$)/g, '$1 ') + '.']);
        document.querySelectorAll('.entries li').forEach((item) => item.classList.add('verified'));
        button.hidden = false;
        return;
      }
      // Which entries? The server's own leaf hashes must hash to the signed root; then compare one by one.
      const signedLeaves = [];
      for (let from = 0; from < signed.size; from += PAGE) {
        const page = await json('/v1/transparency/leaves?from=' + from + '&limit=' + PAGE);
        page.leafHashes.forEach((hex) => signedLeaves.push(fromHex(hex)));
      }
      if (signedLeaves.length !== signed.size
          || !equal(await root(signedLeaves, 0, signedLeaves.length), signed.root)) {
        say('failed', ['The log does not match its signed checkpoint, and the server cannot show which entries '
          + 'changed.']);
        return;
      }
      const altered = [];
      computed.forEach((hash, index) => {
        if (!equal(hash, signedLeaves[index])) {
          altered.push(index);
        }
      });
      altered.forEach((index) => mark(index, 'This entry was changed after it was signed.'));
      say('failed', ['Verification failed: entr' + (altered.length === 1 ? 'y ' : 'ies ') + altered.join(', ')
        + (altered.length === 1 ? ' does' : ' do') + ' not match the signed log (changed after signing).',
      'The other ' + (signed.size - altered.length) + ' entries match the checkpoint signed at ' + signed.time + '.']);
      button.hidden = false;
    } catch (error) {
      say('failed', ['The log could not be checked: ' + error.message + '.']);
      button.hidden = false;
    }
  }

  button.addEventListener('click', verify);
  verify();
}());
