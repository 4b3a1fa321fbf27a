import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium (installed by scripts/ensure-chromium.sh, which `npm test` runs), driven by
 * playwright-core over the DevTools protocol. Nothing is downloaded: no Playwright browser build.
 */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const ARTIFACTS_DIR = resolve(
  process.env.GOMALL_BROWSER_ARTIFACTS ??
    join(__dirname, '..', '..', '..', '.artifacts', 'browser'),
);

export interface Shop {
  browser: Browser;
  close(): Promise<void>;
}

function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_BIN, '/usr/bin/chromium'].filter(Boolean) as string[];
  const found = candidates.find((path) => existsSync(path));
  if (!found)
    throw new Error('Chromium is missing: run `bash scripts/ensure-chromium.sh` (npm test does)');
  return found;
}

/**
 * One browser per test file. playwright-core gives every launch a fresh temporary profile
 * (its own --user-data-dir, removed on close), so runs never share cookies or caches.
 */
export async function launchShopBrowser(): Promise<Shop> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_FLAGS,
    timeout: 60_000,
  });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return { browser, close: () => browser.close() };
}

/** The problems a page reported: console errors, uncaught exceptions, CSP violations. */
export interface Watched {
  page: Page;
  context: BrowserContext;
  problems: string[];
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

export async function newShopper(
  browser: Browser,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<Watched> {
  const context = await browser.newContext({ viewport, baseURL: webUrl() });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${page.url()})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message} (${page.url()})`));
  page.setDefaultTimeout(30_000);
  page.setDefaultNavigationTimeout(45_000);
  return { page, context, problems };
}

export function webUrl(): string {
  const url = process.env.GOMALL_IT_WEB_URL;
  if (!url) throw new Error('GOMALL_IT_WEB_URL is not set: run through jest (integration project)');
  return url;
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage });
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown }>;
}

/**
 * axe-core run inside the page (evaluated through the DevTools protocol, so the page's own
 * Content-Security-Policy stays in force for everything else). Returns serious and critical
 * violations as readable lines.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] },
    });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
}

/**
 * The browser of a test file and the shoppers its tests open, with the file's hooks: one browser
 * for the file; after each test every shopper's context is closed, and none may have left a
 * console error, an uncaught exception or a CSP violation behind (a test that expects one clears
 * that shopper's `problems`). Call once at the top level of a test file.
 */
export function useShoppers(): (viewport?: { width: number; height: number }) => Promise<Watched> {
  let shop: Shop | undefined;
  const opened: Watched[] = [];
  beforeAll(async () => {
    shop = await launchShopBrowser();
  });
  afterEach(async () => {
    const problems = opened.flatMap((w) => w.problems);
    await Promise.all(opened.splice(0).map((w) => w.context.close()));
    expect(problems).toEqual([]);
  });
  afterAll(async () => {
    await shop?.close();
  });
  return async (viewport) => {
    if (!shop) throw new Error('the shop browser is not up: call useShoppers() at the top level');
    const watched = await newShopper(shop.browser, viewport);
    opened.push(watched);
    return watched;
  };
}
