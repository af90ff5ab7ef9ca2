import { DashboardRepository, type Store } from '@sieve/store';

/** The dashboard's figures over a period (default: the last 90 days). */
export class DashboardService {
  private readonly repo: DashboardRepository;

  constructor(store: Store) {
    this.repo = new DashboardRepository(store.sql);
  }

  async figures(q: { office?: string; from?: string; to?: string }) {
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 90 * 86_400_000);
    // Days for a season; weeks beyond, so a chart stays readable.
    const bucket = to.getTime() - from.getTime() > 92 * 86_400_000 ? 'week' : 'day';
    const figures = await this.repo.figures({
      from: from.toISOString(),
      to: to.toISOString(),
      bucket,
      ...(q.office ? { office: q.office } : {}),
    });
    return { from: from.toISOString(), to: to.toISOString(), bucket, ...figures } as const;
  }
}
