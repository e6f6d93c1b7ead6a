import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Paths the console never answers: the API, its documents and the other systems' own APIs. */
const NOT_CONSOLE = /^\/(api|docs|compat|metrics|\.well-known|assets)(\/|$)/;

/**
 * The console's page may load only its own scripts, styles and media and talk only to this server: a transcript or a
 * search string carrying markup cannot run anything even if it were ever rendered as HTML.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** dist/console beside the compiled API (production) or at the repository's root (tests run the sources). */
export function consoleDirectory(): string | null {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'dist', 'console');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (existsSync(join(dir, 'package.json'))) break;
  }
  return null;
}

/**
 * Serves the web console (apps/console, built by Vite into dist/console) at /: hashed assets under /assets with a
 * long cache life, and index.html for every other GET that asks for a page, so the console's own addresses
 * (/calls/rec_…, /accept-invite?token=…) open directly. Without a build the API runs on and says so at start.
 */
export function serveConsole(app: NestExpressApplication, directory = consoleDirectory()): boolean {
  if (!directory) return false;
  // Read on each page load (a small file): a rebuilt console is served without restarting the API.
  const index = join(directory, 'index.html');
  app.useStaticAssets(join(directory, 'assets'), {
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    index: false,
    fallthrough: true,
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || NOT_CONSOLE.test(request.path))
      return next();
    if (!request.accepts('html')) return next();
    readFile(index).then((page) => {
      response.setHeader('Content-Security-Policy', CONSOLE_CSP);
      response.setHeader('Cache-Control', 'no-cache');
      response.type('html').send(page);
    }, next);
  });
  return true;
}
