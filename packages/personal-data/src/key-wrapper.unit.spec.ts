import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMasterKeyWrapper, loadMasterKey } from './key-wrapper';

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cspr-mk-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('createMasterKeyWrapper', () => {
  it('wraps and unwraps a data key; the wrapped form hides it and differs each time', async () => {
    const wrapper = createMasterKeyWrapper(new Uint8Array(randomBytes(32)));
    const dataKey = new Uint8Array(randomBytes(32));
    const a = await wrapper.wrap(dataKey);
    const b = await wrapper.wrap(dataKey);
    expect(a).not.toBe(b);
    expect(a).not.toContain(Buffer.from(dataKey).toString('base64'));
    expect(await wrapper.unwrap(a)).toEqual(dataKey);
  });

  it('has a stable key id per master key that is not the key', () => {
    const key = new Uint8Array(randomBytes(32));
    expect(createMasterKeyWrapper(key).keyId).toBe(createMasterKeyWrapper(key).keyId);
    expect(createMasterKeyWrapper(key).keyId).not.toBe(createMasterKeyWrapper(new Uint8Array(randomBytes(32))).keyId);
    expect(createMasterKeyWrapper(key).keyId).toMatch(/^master:[0-9a-f]{16}$/);
  });

  it('refuses a master key that is not 32 bytes and a wrapped key from another master key', async () => {
    expect(() => createMasterKeyWrapper(new Uint8Array(16))).toThrow(expect.objectContaining({ code: 'master_key' }));
    const wrapped = await createMasterKeyWrapper(new Uint8Array(randomBytes(32))).wrap(new Uint8Array(32));
    await expect(createMasterKeyWrapper(new Uint8Array(randomBytes(32))).unwrap(wrapped)).rejects.toMatchObject({
      code: 'master_key',
    });
    await expect(createMasterKeyWrapper(new Uint8Array(randomBytes(32))).unwrap('nope')).rejects.toMatchObject({
      code: 'master_key',
    });
  });
});

describe('loadMasterKey', () => {
  it('reads CSPR_MASTER_KEY (base64 of 32 bytes) first', async () => {
    const key = randomBytes(32);
    expect(await loadMasterKey({ env: key.toString('base64'), dataDir: await tempDir(), production: true })).toEqual(
      new Uint8Array(key),
    );
    await expect(loadMasterKey({ env: randomBytes(16).toString('base64') })).rejects.toMatchObject({
      code: 'master_key',
    });
    await expect(loadMasterKey({ env: 'not base64!' })).rejects.toMatchObject({ code: 'master_key' });
  });

  it('in dev makes <dataDir>/master.key with mode 0600 once and reads it back', async () => {
    const dir = await tempDir();
    const first = await loadMasterKey({ dataDir: dir });
    expect(first).toHaveLength(32);
    expect((await stat(join(dir, 'master.key'))).mode & 0o777).toBe(0o600);
    expect(await loadMasterKey({ dataDir: dir })).toEqual(first);
    expect(Buffer.from((await readFile(join(dir, 'master.key'), 'utf8')).trim(), 'base64')).toEqual(Buffer.from(first));
  });

  it('two processes starting together end with one key', async () => {
    const dir = await tempDir();
    const keys = await Promise.all([1, 2, 3, 4].map(() => loadMasterKey({ dataDir: dir })));
    for (const key of keys) expect(key).toEqual(keys[0]);
  });

  it('refuses the dev file in production and a corrupt file anywhere', async () => {
    const dir = await tempDir();
    await loadMasterKey({ dataDir: dir });
    await expect(loadMasterKey({ dataDir: dir, production: true })).rejects.toMatchObject({ code: 'master_key' });
    await expect(loadMasterKey({})).rejects.toMatchObject({ code: 'master_key' });
    const bad = await tempDir();
    await writeFile(join(bad, 'master.key'), 'short');
    await expect(loadMasterKey({ dataDir: bad })).rejects.toMatchObject({ code: 'master_key' });
  });
});
