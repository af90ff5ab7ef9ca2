import {
  countryCodeOf,
  type EntryKind,
  type ScreeningHit,
  type ScreeningQuery,
  WatchlistIndex,
} from '@sieve/core/watchlist';
import { type Store, WatchlistReadRepository } from '@sieve/store';
import { SieveError } from '../errors/index.ts';
import type { AuditService } from './audit.service.ts';
import type { AuthedContext } from './context.ts';

const CHECK_EVERY_MS = 10_000;

/**
 * Watchlist search for staff: a name (with kind and country) screened
 * against the active lists, each hit with the name or alias that matched
 * and why. Every search is audited with the entries it showed: a view of a
 * watchlist entry is a view of personal data. The index is built once and
 * rebuilt when a list version changes.
 */
export class WatchlistService {
  private readonly repo: WatchlistReadRepository;
  private index: Promise<{ index: WatchlistIndex; versions: string; checkedAt: number }> | undefined;

  constructor(
    store: Store,
    private readonly audit: AuditService,
  ) {
    this.repo = new WatchlistReadRepository(store.sql);
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
