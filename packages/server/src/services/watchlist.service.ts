import { createHash } from 'node:crypto';
import {
  countryCodeOf,
  describeProblem,
  type EntryKind,
  type ListFormat,
  type ListPolicy,
  type ListText,
  parseList,
  type ScreeningHit,
  type ScreeningQuery,
  type Watchlist,
  WatchlistError,
  WatchlistIndex,
} from '@sieve/core/watchlist';
import {
  type Store,
  type StoredListPolicy,
  WatchlistRepository,
  type WatchlistVersionRow,
} from '@sieve/store';
import { SieveError } from '../errors/index.ts';
import type { AuditService } from './audit.service.ts';
import type { AuthedContext } from './context.ts';

const CHECK_EVERY_MS = 10_000;
/** Problems listed in an answer: enough to fix a file, not a copy of a broken one. */
const MAX_PROBLEMS = 500;

/** A list file sent to be imported: its format, its text, and how to name the version. */
export interface ListUpload extends ListText {
  format: ListFormat;
  listId?: string;
  version?: string;
  name?: string;
  reason: string;
}

/** What a hit on a list does; null where the default applies. */
export interface PolicySettings {
  /** Match threshold, above 0 and at most 1; null: the default (`DEFAULT_THRESHOLD`, 0.8). */
  threshold: number | null;
  /** Points a hit adds to the score; null: none. */
  points: number | null;
  /** Lane a hit forces; null: none. */
  lane: 'red' | 'yellow' | null;
}

/** A list's policy as the API shows it: its settings and who set them last, when. */
export interface PolicyView extends PolicySettings {
  list: string;
  /** null when no policy was ever set for the list (every default applies). */
  updatedAt: string | null;
  updatedBy: string | null;
}

/** A new policy for a list: it replaces the previous one whole. */
export interface PolicyChange extends Partial<PolicySettings> {
  reason: string;
}

/** What an import stored. */
export interface ImportSummary {
  listId: string;
  version: string;
  name: string;
  entries: number;
  /** Names and aliases together. */
  names: number;
  identifiers: number;
  byKind: Record<string, number>;
}

/**
 * Watchlists for staff: a name (with kind and country) screened against the
 * active lists, each hit with the name or alias that matched and why; and,
 * for risk analysts, a list file imported as the new active version. Every
 * search is audited with the entries it showed (a view of a watchlist entry
 * is a view of personal data), every import as `watchlist.import`, every
 * policy change as `watchlist.policy`. The index is built once and rebuilt
 * when a list version changes.
 */
export class WatchlistService {
  private readonly repo: WatchlistRepository;
  private index: Promise<{ index: WatchlistIndex; versions: string; checkedAt: number }> | undefined;

  constructor(
    store: Store,
    private readonly audit: AuditService,
    /** Called after an import or a policy change, so real-time assessment uses it at once. */
    private readonly onChange: () => void = () => {},
  ) {
    this.repo = new WatchlistRepository(store.sql);
  }

  /** Every stored version of every list (the active one marked) and each list's policy. */
  async lists(): Promise<{ versions: WatchlistVersionRow[]; policies: ListPolicy[] }> {
    return { versions: await this.repo.versions(), policies: await this.repo.policies() };
  }

  /**
   * Reads a list file, stores it as a new version of its list and activates
   * it. The version defaults to the list's own date (UN) or today's date
   * with the first 8 hex digits of the content's SHA-256, so sending the
   * same file twice is refused as a version already stored.
   */
  async import(ctx: AuthedContext, upload: ListUpload): Promise<ImportSummary> {
    const list = readUpload(upload);
    if ((await this.repo.importVersion(list, ctx.principal.id, upload.reason)) === 'exists')
      throw new SieveError(
        'SIEVE_ERR_WATCHLIST_VERSION_EXISTS',
        `${list.id} version ${list.version} is already stored, and versions never change: give another version`,
        [
          {
            in: 'body',
            field: 'version',
            value: list.version,
            expected: 'a version not yet stored for this list',
          },
        ],
      );
    await this.audit.record(ctx, {
      action: 'request.origin',
      entity: 'watchlist',
      entityId: `${list.id}@${list.version}`,
      details: { for: 'watchlist.import', format: upload.format },
    });
    this.index = undefined;
    this.onChange();
    const byKind: Record<string, number> = {};
    for (const e of list.entries) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
    return {
      listId: list.id,
      version: list.version,
      name: list.name,
      entries: list.entries.length,
      names: list.entries.reduce((n, e) => n + e.names.length, 0),
      identifiers: list.entries.reduce((n, e) => n + e.identifiers.length, 0),
      byKind,
    };
  }

  /** A list's policy, every setting null where the default applies. */
  async policy(listId: string): Promise<PolicyView> {
    return viewOf(listId, await this.knownList(listId));
  }

  /**
   * Replaces a list's policy (a setting left out or null takes its default).
   * The store audits it as `watchlist.policy` with the reason and the policy
   * before and after; real-time assessment uses it from the next declaration.
   */
  async setPolicy(
    ctx: AuthedContext,
    listId: string,
    change: PolicyChange,
  ): Promise<PolicyView & { previous: PolicySettings | null }> {
    await this.knownList(listId);
    const { previous } = await this.repo.setPolicy(
      {
        list: listId,
        ...(change.threshold != null ? { threshold: change.threshold } : {}),
        ...(change.points != null ? { points: change.points } : {}),
        ...(change.lane != null ? { lane: change.lane } : {}),
      },
      ctx.principal.id,
      change.reason,
    );
    await this.audit.record(ctx, {
      action: 'request.origin',
      entity: 'watchlist',
      entityId: listId,
      details: { for: 'watchlist.policy' },
    });
    this.onChange();
    return {
      ...viewOf(listId, await this.repo.policy(listId)),
      previous: previous ? settingsOf(previous) : null,
    };
  }

  /**
   * The stored policy of a list that exists (a version stored, or a policy
   * set by the CLI before the first import); a 404 for any other id, so a
   * misspelt list id is not given a policy that never applies.
   */
  private async knownList(listId: string): Promise<StoredListPolicy | undefined> {
    const stored = await this.repo.policy(listId);
    if (stored || (await this.repo.hasList(listId))) return stored;
    throw new SieveError(
      'SIEVE_ERR_WATCHLIST_NOT_FOUND',
      `no watchlist ${listId}: import a version of it first (POST /api/watchlists/import)`,
      [{ in: 'params', field: 'listId', value: listId, expected: 'the id of a stored watchlist' }],
    );
  }

  async search(
    ctx: AuthedContext,
    q: { q: string; kind?: EntryKind; country?: string; limit: number },
  ): Promise<{ query: string; hits: ScreeningHit[] }> {
    const country = q.country ? countryCodeOf(q.country) : undefined;
    if (q.country && !country)
      throw new SieveError('SIEVE_ERR_VALIDATION', `country: "${q.country}" is not a country name or code`, [
        { in: 'querystring', field: 'country', expected: 'an ISO 3166 code or a country name' },
      ]);
    const query: ScreeningQuery = {
      name: q.q,
      ...(country ? { countries: [country] } : {}),
      ...(q.kind ? { kinds: [q.kind] } : {}),
    };
    const { index } = await this.current();
    const hits = index.screen(query, { threshold: await this.repo.thresholds(), limit: q.limit });
    await this.audit.record(ctx, {
      action: 'watchlist.search',
      entity: 'watchlist',
      details: { query: q, hits: hits.map((h) => `${h.list}@${h.listVersion}/${h.entryId}`) },
    });
    return { query: q.q, hits };
  }

  /** One entry of an active list, audited as a view. */
  async entry(ctx: AuthedContext, listId: string, entryId: string) {
    const found = await this.repo.entry(listId, entryId);
    if (!found)
      throw new SieveError(
        'SIEVE_ERR_WATCHLIST_ENTRY_NOT_FOUND',
        `no entry ${entryId} in the active ${listId}`,
      );
    await this.audit.record(ctx, {
      action: 'watchlist.view',
      entity: 'watchlist_entry',
      entityId: `${listId}@${found.version}/${entryId}`,
    });
    return { list: listId, version: found.version, entry: found.entry };
  }

  private async current() {
    const now = Date.now();
    if (this.index) {
      const c = await this.index;
      if (now - c.checkedAt < CHECK_EVERY_MS) return c;
      c.checkedAt = now;
      if ((await this.repo.activeVersions()) === c.versions) return c;
      this.index = undefined;
    }
    this.index ??= (async () => {
      const versions = await this.repo.activeVersions();
      const lists = await this.repo.activeLists();
      if (lists.length === 0)
        throw new SieveError(
          'SIEVE_ERR_NO_WATCHLIST',
          'no active watchlist: import one with `sieve watchlist import`',
        );
      return { index: WatchlistIndex.build(lists), versions, checkedAt: Date.now() };
    })().catch((err) => {
      this.index = undefined;
      throw err;
    });
    return this.index;
  }
}

function settingsOf(p: ListPolicy | undefined): PolicySettings {
  return { threshold: p?.threshold ?? null, points: p?.points ?? null, lane: p?.lane ?? null };
}

function viewOf(listId: string, stored: StoredListPolicy | undefined): PolicyView {
  return {
    list: listId,
    ...settingsOf(stored?.policy),
    updatedAt: stored?.updatedAt ?? null,
    updatedBy: stored?.updatedBy ?? null,
  };
}

/** The upload as a list, or a 400 naming each line, column and what was expected. */
function readUpload(u: ListUpload): Watchlist {
  // Over every part sent (an OFAC list is sdn.csv with its alt, add and comments files).
  const hash = createHash('sha256');
  for (const part of [u.content, u.alt, u.add, u.comments]) hash.update(part ?? '').update('\u0000');
  const digest = hash.digest('hex').slice(0, 8);
  try {
    return parseList(u.format, u, {
      ...(u.listId ? { listId: u.listId } : {}),
      ...(u.version ? { version: u.version } : {}),
      ...(u.name ? { name: u.name } : {}),
      fallbackVersion: `${new Date().toISOString().slice(0, 10)}-${digest}`,
    });
  } catch (err) {
    if (!(err instanceof WatchlistError)) throw err;
    if (err.problems.length === 0)
      throw new SieveError(
        'SIEVE_ERR_VALIDATION',
        `the ${u.format} list cannot be imported: ${err.message}`,
        [{ in: 'body', field: 'content', expected: err.message }],
      );
    const shown = err.problems.slice(0, MAX_PROBLEMS);
    const n = err.problems.length;
    throw new SieveError(
      'SIEVE_ERR_VALIDATION',
      `the ${u.format} list cannot be imported: ${n} problem${n > 1 ? 's' : ''}, the first: ${describeProblem(shown[0]!)}` +
        (n > shown.length ? ` (details list the first ${shown.length})` : ''),
      shown.map((p) => ({ in: 'body', field: 'content', ...p, problem: describeProblem(p) })),
    );
  }
}
