import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { TestUser } from './auth';

/** Debian's chromium (installed by `npm test` with the other test packages); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`No browser at ${CHROMIUM_PATH}: apt-get install chromium (npm test does it as root)`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Audio plays without a user gesture, and no sound device is needed.
    args: ['--autoplay-policy=no-user-gesture-required', '--mute-audio'],
  });
}

/** Signs in through the console's own form, as a person would, and waits for the calls page. */
export async function signInThroughPage(page: Page, baseUrl: string, user: TestUser): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Calls', level: 1 }).waitFor();
}
