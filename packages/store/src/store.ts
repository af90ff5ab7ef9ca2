import { resolve } from 'node:path';
import { ApiTokenRepository } from './api-token.repository.ts';
import { AssessmentRepository } from './assessment.repository.ts';
import { AuditRepository } from './audit.repository.ts';
import { AuditSearchRepository } from './audit-search.repository.ts';
import { DeclarationRepository } from './declaration.repository.ts';
import { IntakeRepository } from './intake.repository.ts';
import { migrate } from './migrate.ts';
import { openPgliteClient } from './pglite-client.ts';
import { openPgliteWorkerClient } from './pglite-worker-client.ts';
import { openPostgresClient, redact } from './postgres-client.ts';
import { QuarantineRepository } from './quarantine.repository.ts';
import { ReferenceListRepository } from './reference-list.repository.ts';
import { RiskArtifactRepository } from './risk-artifact.repository.ts';
import { RuleStatsRepository } from './rule-stats.repository.ts';
import { RulesetRepository } from './ruleset.repository.ts';
import { SessionRepository } from './session.repository.ts';
import { SettingsRepository } from './settings.repository.ts';
import type { SqlClient } from './sql-client.ts';
import { UserRepository } from './user.repository.ts';

export interface StoreOptions {
  /** A PostgreSQL server URL. When absent, the embedded PGlite database is used. */
  databaseUrl?: string;
  /** PGlite's data directory; `memory` keeps it in memory. Default `.sieve/data`. */
  dataDir?: string;
  /**
   * Where PGlite runs: `main` (this thread) or `worker` (a thread of its own,
   * so that a long statement does not stop this thread; what a server wants).
   * Default `main`. Ignored with `databaseUrl`.
   */
  pgliteThread?: 'main' | 'worker';
}

/** The opened database with its repositories. */
export interface Store {
  readonly sql: SqlClient;
  /** Where the data lives: the PGlite directory, or the server URL without its password. */
  readonly location: string;
  readonly intake: IntakeRepository;
  readonly quarantine: QuarantineRepository;
  readonly audit: AuditRepository;
  readonly declarations: DeclarationRepository;
  /** Risk engine: versioned rulesets, reference lists, bands/lookouts/policies, assessments, rule statistics. */
  readonly rulesets: RulesetRepository;
  readonly referenceLists: ReferenceListRepository;
  readonly riskArtifacts: RiskArtifactRepository;
  readonly assessments: AssessmentRepository;
  readonly ruleStats: RuleStatsRepository;
  /** Workbench accounts, sessions, API tokens, settings and audit search (issue 6). */
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly settings: SettingsRepository;
  readonly auditSearch: AuditSearchRepository;
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = '.sieve/data';

/**
 * Opens the store and brings its schema up to date.
 *
 * @example const store = await openStore({ dataDir: 'memory' });
 */
export async function openStore(opts: StoreOptions = {}): Promise<Store> {
  let sql: SqlClient;
  let location: string;
  if (opts.databaseUrl) {
    sql = await openPostgresClient(opts.databaseUrl);
    location = redact(opts.databaseUrl);
  } else {
    const dir = opts.dataDir ?? DEFAULT_DATA_DIR;
    const open = opts.pgliteThread === 'worker' ? openPgliteWorkerClient : openPgliteClient;
    sql = await open(dir === 'memory' ? undefined : resolve(dir));
    location = dir === 'memory' ? 'memory (embedded PGlite)' : `${resolve(dir)} (embedded PGlite)`;
  }
  await migrate(sql);
  return {
    sql,
    location,
    intake: new IntakeRepository(sql),
    quarantine: new QuarantineRepository(sql),
    audit: new AuditRepository(sql),
    declarations: new DeclarationRepository(sql),
    rulesets: new RulesetRepository(sql),
    referenceLists: new ReferenceListRepository(sql),
    riskArtifacts: new RiskArtifactRepository(sql),
    assessments: new AssessmentRepository(sql),
    ruleStats: new RuleStatsRepository(sql),
    users: new UserRepository(sql),
    sessions: new SessionRepository(sql),
    apiTokens: new ApiTokenRepository(sql),
    settings: new SettingsRepository(sql),
    auditSearch: new AuditSearchRepository(sql),
    close: () => sql.close(),
  };
}

/** Store options from the environment: DATABASE_URL, SIEVE_DATA_DIR. */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StoreOptions {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: env.SIEVE_DATA_DIR || undefined };
}
