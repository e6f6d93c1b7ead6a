import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addMember, bearer, signUp, TestUser } from '../support/auth';
import { launchBrowser, signInThroughPage } from '../support/browser';
import { loadCorpus } from '../support/corpus';
import { createTestApp, TestApp } from '../support/test-app';
import { waitForRecord } from '../pipeline/pipeline-helpers';

jest.setTimeout(120_000);

/**
 * The browser's globals as the functions the tests run in the page see them (the tests compile without the DOM
 * library). Those functions are sent to the page as source, so they name nothing of this file but types; and they
 * must be functions, not strings: the console's content security policy forbids evaluating strings.
 */
interface PageGlobals {
  document: { querySelector(selector: 'audio'): { readyState: number; currentTime: number } | null };
}

interface Sentence {
  startTime: number;
  endTime: number;
  text: string;
}

/**
 * The web console in a real browser (Debian's chromium through playwright-core) against the real API, database,
 * queues and speech model: what a supervisor, an agent and an invitee see and do.
 */
describe('web console', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let owner: TestUser;
  let agent: TestUser;
  let viewer: TestUser;
  let projectId: string;
  let ownersCall: string;
  let agentsCall: string;

  const upload = async (ownerId?: string, title = 'Billing call') => {
    const corpus = loadCorpus({ formats: ['wav'] });
    const response = await t.http
      .post('/api/v1/records/upload')
      .set(bearer(owner))
      .field('projectId', projectId)
      .field('metadata', JSON.stringify({ title, ...(ownerId ? { ownerId } : {}) }))
      .attach('file', corpus.file(corpus.ids[0], 'wav'));
    expect(response.status).toBe(201);
    return response.body.data.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    browser = await launchBrowser();
    owner = await signUp(t.http);
    agent = await addMember(t.http, owner, 'agent');
    viewer = await addMember(t.http, owner, 'viewer');
    const project = await t.http.post('/api/v1/projects').set(bearer(owner)).send({ name: 'Support' });
    projectId = project.body.data.id;
    ownersCall = await upload(undefined, 'Supervisor call');
    agentsCall = await upload(agent.userId, 'Agent call');
    await waitForRecord(t, owner, ownersCall);
    await waitForRecord(t, owner, agentsCall);
  });

  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });
  afterEach(() => context.close());
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const audioTime = () => page.evaluate<number>("document.querySelector('audio').currentTime");
  const openCall = async (id: string) => {
    await page.goto(`${t.url}/calls/${id}`);
    await page.waitForFunction(
      () => ((globalThis as unknown as PageGlobals).document.querySelector('audio')?.readyState ?? 0) >= 1,
    );
  };

  it('the invite link opens a page where the invitee sets a password and lands signed in', async () => {
    const email = `invitee-${Date.now()}@example.test`;
    const invite = await t.http
      .post('/api/v1/users/invite')
      .set(bearer(owner))
      .send({ email, role: 'supervisor' });
    expect(invite.status).toBe(201);
    const link = new URL(invite.body.data.inviteUrl);
    expect(link.pathname).toBe('/accept-invite');

    await page.goto(`${t.url}${link.pathname}${link.search}`);
    await page.getByLabel('Your name').fill('Ines Invitee');
    await page.getByLabel('Password (at least 10 characters)').fill('a long passphrase');
    await page.getByLabel('Password again').fill('a long passphrase');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('heading', { name: 'Calls', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/calls');
    await expect(page.getByText('Ines Invitee')).toBeTruthy();
    expect(await page.locator('header .who').textContent()).toBe('Ines Invitee');

    // The new password works for a later sign-in, and the link cannot be used twice.
    const login = await t.http.post('/api/v1/auth/login').send({ email, password: 'a long passphrase' });
    expect(login.status).toBe(200);
    const again = await browser.newPage();
    await again.goto(`${t.url}${link.pathname}${link.search}`);
    await again.getByLabel('Your name').fill('Someone else');
    await again.getByLabel('Password (at least 10 characters)').fill('another passphrase');
    await again.getByLabel('Password again').fill('another passphrase');
    await again.getByRole('button', { name: 'Join' }).click();
    await again.getByRole('alert').waitFor();
    expect(new URL(again.url()).pathname).toBe('/accept-invite');
    await again.close();
  });

  it("plays a call's audio and seeks to a sentence, or to an evaluation's evidence, when it is clicked", async () => {
    await signInThroughPage(page, t.url!, owner);
    await openCall(ownersCall);
    const transcript = await t.http.get(`/api/v1/records/${ownersCall}/transcript`).set(bearer(owner));
    const sentences = transcript.body.data.sentences as Sentence[];
    expect(sentences.length).toBeGreaterThanOrEqual(3);

    const third = page.locator('.transcript li').nth(2);
    expect(await third.textContent()).toContain(sentences[2].text);
    await third.getByRole('button').click();
    const afterSentence = await audioTime();
    expect(afterSentence).toBeGreaterThanOrEqual(sentences[2].startTime - 0.05);
    expect(afterSentence).toBeLessThan(sentences[2].endTime);
    // The sentence being spoken is the one highlighted.
    await page.waitForSelector('.transcript li:nth-child(3)[aria-current="true"]');

    // It really plays: time moves on from there.
    await page.evaluate("document.querySelector('audio').play()");
    await page.waitForFunction(
      (from) =>
        (globalThis as unknown as PageGlobals).document.querySelector('audio')!.currentTime > from + 0.2,
      afterSentence,
    );
    await page.evaluate("document.querySelector('audio').pause()");

    const evidence = page.locator('.evidence button');
    expect(await evidence.count()).toBeGreaterThan(0);
    const last = evidence.last();
    const start = Number(await last.getAttribute('data-start'));
    await last.click();
    expect(Math.abs((await audioTime()) - start)).toBeLessThan(0.05);
  });

  it("a follow-up's status changed in the page is what GET /followups answers", async () => {
    const created = await t.http
      .post(`/api/v1/records/${ownersCall}/followups`)
      .set(bearer(owner))
      .send({ text: 'Send the refund confirmation' });
    expect(created.status).toBe(201);
    const followupId = created.body.data.id as string;

    await signInThroughPage(page, t.url!, owner);
    await openCall(ownersCall);
    const item = page.locator(`[data-followup="${followupId}"]`);
    await item.getByLabel('Status').selectOption('COMPLETE');
    await item.getByLabel('Note').fill('Sent by e-mail');
    await item.getByRole('button', { name: 'Add note' }).click();
    await item.getByText('Sent by e-mail').waitFor();

    const listed = await t.http.get(`/api/v1/followups?recordId=${ownersCall}`).set(bearer(owner));
    const followup = listed.body.data.find((entry: { id: string }) => entry.id === followupId);
    expect(followup.status).toBe('COMPLETE');
    expect(followup.history.map((entry: { note: string | null }) => entry.note)).toContain('Sent by e-mail');

    // Across calls, for a team lead.
    await page.goto(`${t.url}/followups?status=COMPLETE`);
    await page.getByText('Send the refund confirmation').waitFor();
  });

  it("an agent's list shows only its own calls; a viewer sees no controls that change anything", async () => {
    await signInThroughPage(page, t.url!, agent);
    await page.locator('table.calls').waitFor();
    const titles = await page.locator('table.calls tbody tr td:first-child a').allTextContents();
    expect(titles).toEqual(['Agent call']);
    // Another person's call by its address: a clear message, not its contents.
    await page.goto(`${t.url}/calls/${ownersCall}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('does not exist');

    await context.clearCookies();
    const viewerPage = await context.newPage();
    await signInThroughPage(viewerPage, t.url!, viewer);
    await viewerPage.locator('table.calls').waitFor();
    expect(await viewerPage.locator('table.calls tbody tr').count()).toBe(2);
    await viewerPage.goto(`${t.url}/calls/${ownersCall}`);
    await viewerPage.getByRole('heading', { name: 'Follow-ups' }).waitFor();
    await viewerPage.getByRole('heading', { name: 'Transcript (personal data masked)' }).waitFor();
    // The audio a viewer plays is the redacted copy (here the original: the call named no personal data).
    await viewerPage.getByRole('heading', { name: 'Audio (personal data silenced)' }).waitFor();
    await viewerPage.waitForFunction(
      () => ((globalThis as unknown as PageGlobals).document.querySelector('audio')?.readyState ?? 0) >= 1,
    );
    expect(await viewerPage.getByRole('button', { name: 'Add note' }).count()).toBe(0);
    expect(await viewerPage.getByRole('button', { name: 'Add tag' }).count()).toBe(0);
    expect(await viewerPage.getByRole('button', { name: 'Save review' }).count()).toBe(0);
    expect(await viewerPage.getByRole('link', { name: 'Users & clients' }).count()).toBe(0);
  });

  it('shows markup in a search or a transcript as text, and a deleted call as a message', async () => {
    const contact = await t.http.post('/api/v1/contacts').set(bearer(owner)).send({ displayName: 'Mallory' });
    const typed = await t.http
      .post('/api/v1/transcribes')
      .set(bearer(owner))
      .send({
        contact: contact.body.data.id,
        projectId,
        contents: [
          { timestamp: 0, author: 'agent', text: 'Hello <script>window.injected = 1</script> there' },
          { timestamp: 2, author: 'customer', text: 'My <img src=x onerror="window.injected = 2"> invoice' },
        ],
      });
    expect(typed.status).toBe(201);
    const typedRecord = typed.body.data.recordId as string;
    await waitForRecord(t, owner, typedRecord);

    await signInThroughPage(page, t.url!, owner);
    await page.goto(`${t.url}/calls/${typedRecord}`);
    await page.locator('.transcript').getByText('Hello <script>window.injected = 1</script> there').waitFor();
    expect(await page.locator('.transcript script, .transcript img').count()).toBe(0);

    await page.goto(
      `${t.url}/calls?q=${encodeURIComponent('invoice <b>x</b> <img src=x onerror="window.injected=3">')}`,
    );
    await page.locator('.hits, main p').first().waitFor();
    await page.getByRole('search').getByLabel('Search the calls').waitFor();
    await page.goto(`${t.url}/calls?q=invoice`);
    await page.locator('.hits mark').first().waitFor();
    expect(await page.locator('.hits img, .hits script').count()).toBe(0);
    expect(await page.locator('.hits').textContent()).toContain('<img src=x onerror="window.injected = 2">');
    expect(await page.evaluate('typeof window.injected')).toBe('undefined');

    const deleted = await t.http.delete(`/api/v1/records/${typedRecord}`).set(bearer(owner));
    expect(deleted.status).toBe(204);
    await page.goto(`${t.url}/calls/${typedRecord}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('does not exist, or was deleted');
    await page.goto(`${t.url}/no-such-page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  });

  it('filters the list with the filters of GET /records, kept in the address', async () => {
    await signInThroughPage(page, t.url!, owner);
    await page.locator('table.calls').waitFor();
    await page.getByLabel('Status').selectOption('failed');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No calls match.').waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('failed');

    await page.goto(`${t.url}/calls?status=completed&sort=duration&order=asc`);
    await page.locator('table.calls').waitFor();
    expect(await page.getByLabel('Sort by').inputValue()).toBe('duration');
    expect(await page.locator('table.calls tbody tr').count()).toBe(2);
  });

  it('switches between the organisations of a member of several, and signs out', async () => {
    const other = await signUp(t.http, { organizationName: 'Second shop' });
    const invite = await t.http
      .post('/api/v1/users/invite')
      .set(bearer(other))
      .send({ email: owner.email, role: 'viewer' });
    const joined = await t.http
      .post('/api/v1/auth/accept-invite')
      .send({ token: invite.body.data.inviteToken, password: owner.password, name: 'Owner' });
    expect(joined.status).toBe(201);

    await signInThroughPage(page, t.url!, owner);
    await page.locator('table.calls').waitFor();
    expect(await page.locator('table.calls tbody tr').count()).toBe(2);
    await page.getByLabel('Organisation').selectOption(other.orgId);
    await page.getByText('No calls match.').waitFor();
    expect(await page.getByLabel('Organisation').inputValue()).toBe(other.orgId);
    // A viewer there: no admin pages in the menu.
    expect(await page.getByRole('link', { name: 'Users & clients' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Parley' }).waitFor();
    await page.goto(`${t.url}/calls`);
    await page.getByRole('heading', { name: 'Sign in to Parley' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('passes an accessibility check (axe) with no serious violation on the main pages', async () => {
    const seriousViolations = async (what: string) => {
      const results = await new AxeBuilder({ page }).analyze();
      return results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${what}: ${violation.id} (${violation.nodes.length}) ${violation.help}`);
    };
    const found: string[] = [];
    await page.goto(`${t.url}/login`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    found.push(...(await seriousViolations('sign-in')));
    await signInThroughPage(page, t.url!, owner);
    await page.locator('table.calls').waitFor();
    found.push(...(await seriousViolations('calls')));
    await openCall(ownersCall);
    await page.getByRole('heading', { name: 'QA review' }).waitFor();
    found.push(...(await seriousViolations('call')));
    for (const [path, heading] of [
      ['/followups', 'Follow-ups'],
      ['/alerts', 'Alert events'],
      ['/projects', 'Projects'],
      ['/webhooks', 'Webhooks'],
      ['/admin', 'Users and API clients'],
    ]) {
      await page.goto(`${t.url}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      found.push(...(await seriousViolations(path)));
    }
    expect(found).toEqual([]);
  });

  it('serves the console with a content security policy, and leaves the API its own 404s', async () => {
    const index = await fetch(`${t.url}/calls/rec_anything`, { headers: { Accept: 'text/html' } });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const api = await fetch(`${t.url}/api/v1/nothing-here`, { headers: { Accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
