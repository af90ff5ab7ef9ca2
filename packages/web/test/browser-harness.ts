import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Declaration } from '@sieve/core';
import { loadListsFromYaml, loadRulesFromYaml } from '@sieve/core/rules';
import { parseScoringPolicy } from '@sieve/core/scoring';
import { loadSnapshot, scoreDeclarations } from '@sieve/pipeline';
import { buildServer, loadConfig, localContext, type SieveServer, USER_ROLES } from '@sieve/server';
import { openStore, type Store } from '@sieve/store';
import { type DeclarationTruth, generate, type LookoutEntry, SOURCE_COUNTRIES } from '@sieve/synth';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { ensureWebBuild, WEB_DIST } from '../build/ensure-web-build.ts';
import { startWebHost, type WebHost } from '../build/web-host.ts';
import { E2E_LIST, importLookouts, trainModel } from './e2e-layers.ts';

export const CHROMIUM = process.env.SIEVE_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');
export const PASSWORD = 'e2e-password-123';

/** Why the browser tests cannot run here, or null when they can. */
export function browserMissing(): string | null {
  return existsSync(CHROMIUM)
    ? null
    : `no Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set SIEVE_CHROMIUM`;
}

export interface Workbench {
  app: SieveServer;
  store: Store;
  /** The host in front of a server that does not serve the app itself, else null. */
  host: WebHost | null;
  /** Where the browser goes: the web app and the API on one origin. */
  url: string;
  /** The user name of each role's account (`<role>.e2e`); all share {@link PASSWORD}. */
  users: Record<(typeof USER_ROLES)[number], string>;
  /** The declarations taken in, newest lodged first. */
  declarationIds: string[];
  /** A generated declaration not stored, to lodge during a test. */
  template: Declaration;
  /** An API token of a feeding system (intake and real-time assessment). */
  systemToken: string;
  /** A stored declaration whose party trades under a lookout entry's (altered) name. */
  flagged: Flagged;
  close(): Promise<void>;
}

/** A declaration with a planted lookout party, and the entry it should hit. */
export interface Flagged {
  declarationId: string;
  /** The party's name as declared. */
  declaredName: string;
  /** The entry's primary name and its aliases, as listed. */
  listedName: string;
  listedNames: string[];
  entryId: string;
  /** The declaration's seller, whom a hand-written entry lists under another name with this one as alias. */
  seller: string;
}

/**
 * The whole workbench for a browser: the API on an in-memory PGlite store
 * with a small generated data set, one account per role, the web app built
 * (if stale) and served on the same origin as the API.
 */
export async function startWorkbench(o: { count?: number; seed?: number } = {}): Promise<Workbench> {
  await ensureWebBuild({ log: (l) => console.log(`# ${l}`) });
  const store = await openStore({ dataDir: 'memory' });
  // Cheap hashing: argon2's cost is the library's business, not this test's.
  const config = { ...loadConfig({}), argon2: { memoryKib: 64, passes: 1 } };
  // `webRoot` makes the server serve the app itself; a server without that option ignores it, and a host is put in front.
  const options = { store, config, logger: false as const, webRoot: WEB_DIST };
  const app = buildServer(options);
  let host: WebHost | undefined;
  const close = async () => {
    await host?.close();
    await app.close();
    await store.close();
  };
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const api = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const seeded = await seed(store, o.count ?? 300, o.seed ?? 7);
    const { ids: declarationIds, importer, template } = seeded;
    // The three layers are active before scoring, as in production: lookouts, a model, a ruleset.
    await importLookouts(store, seeded.lookouts, seeded.flagged.seller);
    await trainModel(store, seeded.labelled);
    await score(store);
    const admin = localContext('e2e-setup');
    const systemToken = (await app.services.tokens.create(admin, { name: 'e2e-feed', scope: 'intake' }))
      .token;
    const users = {} as Workbench['users'];
    for (const role of USER_ROLES) {
      const id = `${role.replace('_', '-')}.e2e`;
      users[role] = id;
      await app.services.users.create(admin, {
        id,
        displayName: `${role.replace('_', ' ')} (e2e)`.replace(/^./, (c) => c.toUpperCase()),
        role,
        partyId: role === 'trader' ? importer : null,
        password: PASSWORD,
      });
    }
    if (await servesTheApp(api)) console.log('# the API server serves the web app itself');
    else {
      console.log('# the API server does not serve the web app: a host in front of it does');
      host = await startWebHost({ api, dist: WEB_DIST });
    }
    return {
      app,
      store,
      host: host ?? null,
      url: host?.url ?? api,
      users,
      declarationIds,
      template,
      systemToken,
      flagged: seeded.flagged,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Takes in a generated data set; answers the declaration ids, newest lodged first, and an importer (for the trader). */
/** Whether the API server answers an app path with the app's page (it serves packages/web/dist). */
async function servesTheApp(api: string): Promise<boolean> {
  const res = await fetch(`${api}/queue`, { headers: { accept: 'text/html' } });
  return res.ok && (res.headers.get('content-type') ?? '').startsWith('text/html');
}

async function seed(
  store: Store,
  count: number,
  seed: number,
): Promise<{
  ids: string[];
  importer: string;
  template: Declaration;
  lookouts: LookoutEntry[];
  labelled: { declaration: Declaration; finding: boolean }[];
  flagged: Flagged;
}> {
  const records: { kind: 'declaration' | 'inspection' | 'cargo-report'; value: never }[] = [];
  const lodged = new Map<string, Declaration>();
  const lookouts: LookoutEntry[] = [];
  const truths: DeclarationTruth[] = [];
  let importer = '';
  let template: Declaration | undefined;
  for (const r of generate({ seed, count: count + 1, start: '2026-01-01', days: 30 })) {
    // The last declaration generated is kept out of the store, for a test to lodge.
    if (r.kind === 'declaration' && lodged.size === count) {
      template = r.value;
      continue;
    }
    if (r.kind === 'declaration' || r.kind === 'inspection' || r.kind === 'cargo-report')
      records.push({ kind: r.kind, value: r.value as never });
    if (r.kind === 'declaration') {
      lodged.set(r.value.id, r.value);
      importer ||= r.value.importer?.id ?? '';
    }
    if (r.kind === 'lookout') lookouts.push(r.value);
    if (r.kind === 'truth' && r.value.subject === 'declaration') truths.push(r.value);
  }
  const runId = await store.intake.startRun({ source: 'e2e', format: 'json', actor: 'e2e' });
  await store.intake.writeBatch(runId, records, []);
  await store.intake.finishRun(runId, 'completed');
  if (!template) throw new Error('the generator made fewer declarations than asked');
  const fraud = new Set(truths.filter((t) => t.fraud).map((t) => t.declarationId));
  return {
    ids: [...lodged.values()].sort((a, b) => b.lodgedAt.localeCompare(a.lodgedAt)).map((d) => d.id),
    importer,
    template,
    lookouts,
    labelled: [...lodged.values()].map((declaration) => ({
      declaration,
      finding: fraud.has(declaration.id),
    })),
    flagged: flaggedOf(truths, lodged, lookouts),
  };
}

/** The first stored declaration whose lookout party is declared under an altered name (else any). */
function flaggedOf(
  truths: readonly DeclarationTruth[],
  lodged: ReadonlyMap<string, Declaration>,
  lookouts: readonly LookoutEntry[],
): Flagged {
  const hits = truths.flatMap((t) =>
    lodged.has(t.declarationId)
      ? (t.details['lookout-party'] ?? []).map((hit) => ({ declarationId: t.declarationId, hit }))
      : [],
  );
  const chosen = hits.find((h) => h.hit.variant !== 'exact') ?? hits[0];
  const entry = chosen && lookouts.find((e) => e.id === chosen.hit.lookoutId);
  const seller = chosen && lodged.get(chosen.declarationId)?.seller?.name;
  if (!chosen || !entry || !seller)
    throw new Error('the generated data set has no declaration with a lookout party and a seller');
  return {
    seller,
    declarationId: chosen.declarationId,
    declaredName: chosen.hit.name,
    listedName: entry.name,
    listedNames: [entry.name, ...entry.aliases],
    entryId: `${E2E_LIST}:${entry.id}`,
  };
}

/**
 * A small ruleset that fires on the generated data, a policy, and every
 * declaration scored: the referral queue then has red and yellow referrals
 * with rules, points and values to explain.
 */
async function score(store: Store): Promise<void> {
  const actor = 'e2e';
  const lists = loadListsFromYaml(
    `- name: e2e_source_countries\n  type: country\n  entries: [${SOURCE_COUNTRIES.join(', ')}]`,
  );
  const rules = loadRulesFromYaml(E2E_RULES);
  if (!lists.ok || !rules.ok) throw new Error(`e2e ruleset: ${JSON.stringify(lists.ok ? rules : lists)}`);
  const policy = parseScoringPolicy({
    thresholds: { red: 45, yellow: 25, blue: 10 },
    minRandomRate: 0.02,
    randomLane: 'red',
    seed: 'sieve-e2e-seed',
  });
  await store.riskArtifacts.put('policy', policy, { actor, activate: true, reason: 'e2e' });
  const draft = await store.rulesets.createDraft({
    name: 'e2e',
    rules: rules.rules,
    lists: lists.lists,
    actor,
    reason: 'e2e',
  });
  await store.rulesets.activate('e2e', draft.version.version, actor, 'e2e: the browser test scores with it');
  const loaded = await loadSnapshot(store, { ruleset: 'e2e', actor });
  await scoreDeclarations(store, store.declarations.inLodgementOrder({}), loaded, { actor, source: 'e2e' });
}

const E2E_RULES = `
rules:
  - id: E2E-SOURCE-COUNTRY
    title: Dispatched from a narcotics source country
    description: The goods left from a country where cocaine is produced or commonly shipped from.
    category: narcotics
    points: 30
    condition: declaration.dispatchCountry in list("e2e_source_countries")
  - id: E2E-HIGH-VALUE
    title: High customs value
    description: Much revenue at stake; check the valuation.
    category: revenue
    points: 20
    condition: declaration.customsValue > 20000
  - id: E2E-COFFEE
    title: Coffee or tea
    description: A commodity often used as a cover load.
    category: narcotics
    points: 15
    condition: |
      any item in declaration.items: item.hsCode startsWith "09"
`;

/**
 * Debian's Chromium driven by playwright-core, headless, with a fresh
 * profile that is deleted afterwards. One browser at a time on this machine.
 */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'sieve-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1360, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(20_000);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Logs in through the login page, as a person would. */
export async function logIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}
