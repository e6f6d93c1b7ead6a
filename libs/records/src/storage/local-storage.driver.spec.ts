import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LocalStorageDriver } from './local-storage.driver';

const text = async (stream: Readable) => {
  let out = '';
  for await (const chunk of stream) out += String(chunk);
  return out;
};

describe('LocalStorageDriver', () => {
  let dir: string;
  let storage: LocalStorageDriver;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-storage-spec-'));
    storage = new LocalStorageDriver(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes to a temporary file, commits it under its key and reads byte ranges back', async () => {
    const temp = await storage.createTemp();
    await pipeline(Readable.from(['0123456789']), temp.stream);
    expect(await readdir(join(dir, 'tmp'))).toEqual([temp.tempKey]);
    await storage.commit(temp.tempKey, 'org_1/rec_1/original.wav');
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
    expect(await storage.stat('org_1/rec_1/original.wav')).toEqual({ sizeBytes: 10 });
    expect(await text(await storage.openRead('org_1/rec_1/original.wav', { start: 2, end: 4 }))).toBe('234');
    expect(await readFile(join(dir, 'org_1', 'rec_1', 'original.wav'), 'utf8')).toBe('0123456789');
  });

  it('removes a record folder and a discarded temporary file, quietly when already gone', async () => {
    const temp = await storage.createTemp();
    await pipeline(Readable.from(['x']), temp.stream);
    await storage.commit(temp.tempKey, 'org_1/rec_2/original.ogg');
    await storage.deletePrefix('org_1/rec_2');
    expect(await storage.stat('org_1/rec_2/original.ogg')).toBeNull();
    await expect(storage.deletePrefix('org_1/rec_2')).resolves.toBeUndefined();
    const other = await storage.createTemp();
    other.stream.end();
    await storage.discardTemp(other.tempKey);
    await expect(storage.discardTemp(other.tempKey)).resolves.toBeUndefined();
  });

  it.each(['../etc/passwd', 'org_1/../../x', '/abs/path', 'org_1//x', 'org_1/./x', ''])(
    'refuses the key %p',
    async (key) => {
      await expect(storage.stat(key)).rejects.toThrow('Invalid storage key');
    },
  );

  it('refuses temporary keys with path parts', () => {
    expect(() => storage.tempPath('../x')).toThrow('Invalid temporary storage key');
    expect(() => storage.tempPath('a/b')).toThrow('Invalid temporary storage key');
  });
});
