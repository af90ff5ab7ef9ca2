import type { Store } from '@sieve/store';
import type { ServerConfig } from '../config/config.ts';
import type { ServerMetrics } from '../plugins/metrics.plugin.ts';
import { AssessmentService } from './assessment.service.ts';
import { AuditService } from './audit.service.ts';
import { AuthService } from './auth.service.ts';
import { DashboardService } from './dashboard.service.ts';
import { DeclarationService } from './declaration.service.ts';
import type { BatchObserver } from './group-commit.ts';
import { InspectionService } from './inspection.service.ts';
import { IntakeService } from './intake.service.ts';
import { ModelService } from './model.service.ts';
import { ReferralService } from './referral.service.ts';
import { RulesService } from './rules.service.ts';
import { PasswordHasher } from './secrets.ts';
import { SettingsService } from './settings.service.ts';
import { TokenService } from './token.service.ts';
import { UserService } from './user.service.ts';
import { WatchlistService } from './watchlist.service.ts';

export type { AuthedContext, RequestContext } from './context.ts';
export { localContext } from './context.ts';

/**
 * The services, each given only the repositories and services it uses (no
 * base class that reaches everything). Routes receive this set.
 */
export interface Services {
  readonly audit: AuditService;
  readonly auth: AuthService;
  readonly users: UserService;
  readonly tokens: TokenService;
  readonly settings: SettingsService;
  readonly intake: IntakeService;
  readonly declarations: DeclarationService;
  readonly inspections: InspectionService;
  readonly referrals: ReferralService;
  readonly rules: RulesService;
  readonly assessments: AssessmentService;
  readonly models: ModelService;
  readonly dashboard: DashboardService;
  readonly watchlists: WatchlistService;
}

export function createServices(store: Store, config: ServerConfig, metrics: ServerMetrics): Services {
  const hasher = new PasswordHasher(config.argon2);
  const storeBatch = (writer: 'assessment' | 'intake'): BatchObserver => {
    // The labelled series looked up once, not hashed again for every batch.
    const took = metrics.storeBatchSeconds.labels({ writer });
    const held = metrics.storeBatchRequests.labels({ writer });
    return (size, seconds) => {
      took.observe(seconds);
      held.observe(size);
    };
  };
  const audit = new AuditService(store, (action) => metrics.auditEntries.inc({ action }));
  const auth = new AuthService(store, config, hasher, audit, (outcome) => metrics.logins.inc({ outcome }));
  const settings = new SettingsService(store, audit);
  const referrals = new ReferralService(store, audit);
  const intake = new IntakeService(
    store,
    audit,
    (accepted, quarantined) => {
      metrics.intakeRecords.inc({ outcome: 'accepted' }, accepted);
      metrics.intakeRecords.inc({ outcome: 'quarantined' }, quarantined);
    },
    storeBatch('intake'),
  );
  const assessments = new AssessmentService(store, intake, config.ruleset, storeBatch('assessment'));
  return {
    audit,
    auth,
    users: new UserService(store, config, hasher, audit, auth),
    tokens: new TokenService(store, audit, auth),
    settings,
    intake,
    declarations: new DeclarationService(store, audit, settings, referrals),
    inspections: new InspectionService(store, audit, referrals),
    referrals,
    rules: new RulesService(store, audit, () => assessments.invalidate()),
    assessments,
    models: new ModelService(store, audit, () => assessments.invalidate()),
    dashboard: new DashboardService(store),
    watchlists: new WatchlistService(store, audit, () => assessments.invalidate()),
  };
}
