import { DELETION_HOOK_OWNERS, RecordExtensions } from './record-extensions';

describe('RecordExtensions', () => {
  it('refuses to start a composition that leaves a declared deletion hook out, naming it', () => {
    const extensions = new RecordExtensions();
    for (const owner of DELETION_HOOK_OWNERS.filter((owner) => owner !== 'search'))
      extensions.onRecordsDeleted(owner, async () => undefined);
    expect(() => extensions.onApplicationBootstrap()).toThrow(/delete records' search rows/);
    extensions.onRecordsDeleted('search', async () => undefined);
    expect(() => extensions.onApplicationBootstrap()).not.toThrow();
  });

  it('runs every hook in the deleting transaction, and none for no records', async () => {
    const extensions = new RecordExtensions();
    const seen: string[] = [];
    for (const owner of DELETION_HOOK_OWNERS)
      extensions.onRecordsDeleted(owner, async (_org, ids) => {
        seen.push(`${owner}:${ids.join(',')}`);
      });
    await extensions.runDeletionHooks('org_1', [], {} as never);
    expect(seen).toEqual([]);
    await extensions.runDeletionHooks('org_1', ['rec_1'], {} as never);
    expect(seen.sort()).toEqual(DELETION_HOOK_OWNERS.map((owner) => `${owner}:rec_1`).sort());
  });
});
