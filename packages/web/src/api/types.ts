/**
 * The shapes the workbench reads from the API. Those marked "server" mirror
 * the server's zod schemas (packages/server/src/routes, /docs/json); those
 * marked "expected" are endpoints the workbench is built for but the server
 * does not have yet: docs/web.md lists them with method, path, request and
 * answer, and pages say plainly when the server lacks one.
 */

import type { Lane as ScoredLane } from '@sieve/core/ensemble';
import type { RuleCategory } from '@sieve/core/rules';
import type { UserRole } from '@sieve/store';
import { everyOf } from '../lib/every-of.ts';

// The shapes the server declares itself are taken from it (types only: nothing of the server is bundled).
export type { BacktestAnswer, QueueItem, Role } from '@sieve/server';
export type { AuditEntry, DeclarationSummary, UserRole } from '@sieve/store';
export type { RuleCategory };

// The value lists are the workbench's own copies (values from core or the
// server would be bundled), each checked against the type it copies.

/** The lanes as the workbench lists them: most control first. */
export const LANES = everyOf<ScoredLane>()(['red', 'yellow', 'blue', 'green']);
export type Lane = (typeof LANES)[number];

export const RULE_CATEGORIES = everyOf<RuleCategory>()([
  'revenue',
  'narcotics',
  'security',
  'ipr',
  'cites',
  'strategic',
  'health_safety',
  'other',
]);

/** The roles an account can have (the server's `system` is not one). */
export const USER_ROLES = everyOf<UserRole>()([
  'administrator',
  'risk_analyst',
  'targeting_officer',
  'inspector',
  'supervisor',
  'trader',
]);

/** server: GET /api/auth/me */
export interface Me {
  id: string;
  displayName: string;
  role: UserRole | 'system';
  kind: 'user' | 'token';
  partyId: string | null;
}

/** server: POST /api/auth/login */
export interface LoginAnswer {
  token: string;
  expiresAt: string;
  user: { id: string; displayName: string; role: UserRole };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Party {
  id: string;
  name?: string;
  country?: string;
}

export interface DeclarationItem {
  sequence: number;
  hsCode: string;
  description?: string;
  origin?: string;
  quantity?: number;
  unit?: string;
  netMassKg?: number;
  grossMassKg?: number;
  value: number;
}

/** server: the declaration as lodged (DeclarationDocument); the fields the page shows. */
export interface Declaration {
  id: string;
  version: number;
  type: string;
  procedure: string;
  office: string;
  lodgedAt: string;
  declarant: Party;
  importer?: Party;
  exporter?: Party;
  seller?: Party;
  consignee?: Party;
  carrier?: Party;
  transportMode?: string;
  dispatchCountry?: string;
  currency: string;
  invoiceAmount?: number;
  customsValue?: number;
  dutiesDeclared?: number;
  items: DeclarationItem[];
  transport?: {
    meansName?: string;
    voyage?: string;
    portOfLoading?: string;
    portOfDischarge?: string;
    containers?: { id: string; type?: string; seals?: string[] }[];
  };
}

export type Finding =
  | { type: 'revenue_adjustment'; amount: number; currency?: string; reason?: string }
  | { type: 'seizure'; commodity: string; hsCode?: string; quantity: number; unit: string }
  | { type: 'penalty'; amount: number; currency?: string }
  | { type: 'other'; description: string };

export const INSPECTION_KINDS = ['physical', 'scan', 'documentary'] as const;

/** server: InspectionResult */
export interface InspectionResult {
  id: string;
  declarationId: string;
  declarationVersion?: number;
  inspector: string;
  startedAt: string;
  endedAt?: string;
  kind: 'documentary' | 'scan' | 'physical' | 'unspecified';
  outcome: 'no_finding' | 'finding';
  findings: Finding[];
  narrative?: string;
}

/** server: GET /api/declarations/:id */
export interface DeclarationView {
  declaration: Declaration;
  versions: number[];
  inspections: InspectionResult[];
}

/** server: GET /api/trader/declarations */
export interface DeclarationStatus {
  id: string;
  version: number;
  office: string;
  lodgedAt: string;
  status: 'received' | 'released' | 'under_control' | 'inspected';
  riskLevel?: string | null;
}

// ---- The risk engine's assessment (core's Assessment, as stored) ----

export interface EvidenceValue {
  expr: string;
  value: unknown;
}

export interface Evidence {
  test: string;
  holds: boolean;
  values: EvidenceValue[];
  listEntry?: { list: string; version: number; value: string; reason?: string };
  text: string;
}

export interface FiredRule {
  ruleId: string;
  title: string;
  description: string;
  category: string;
  points: number;
  evidence: Evidence[];
}

export interface CategoryPoints {
  category: string;
  raw: number;
  cap?: number;
  points: number;
}

export interface EnsemblePart {
  source: 'rules' | 'watchlist' | 'model';
  risk: number;
  weighted: number;
  share: number;
}

/** A watchlist entry that matched a party (core's ScreeningHit, the fields shown). */
export interface WatchlistHit {
  entryId: string;
  list: string;
  listVersion: string;
  kind: string;
  /** The entry's primary name. */
  name: string;
  /** The name or alias that matched best. */
  matchedName: { name: string; type?: string; strength?: string };
  score: number;
  threshold?: number;
  program?: string;
  reason?: string;
  /** Token by token: which query word matched which listed word, and how (core's TokenExplanation). */
  tokens?: { query: string | null; listed: string | null; similarity: number; how: string }[];
  /** What the other attributes did to the score (core's ScoreFactor). */
  factors?: { factor: string; effect: number; detail: string }[];
  /** In an assessment: the role screened, e.g. `importer` or `vessel` (absent in a search). */
  role?: string;
  /** In an assessment: where the screened name is in the declaration, e.g. `importer` or `transport`. */
  path?: string;
  /** In an assessment: the declaration's name that was compared. */
  queryName?: string;
}

/** One reason of the model (core's model Reason): `text` is the officer's sentence. */
export interface ModelReason {
  subject: string;
  contribution: number;
  direction: 'raises' | 'lowers';
  text: string;
}

/** core's Assessment, with the parts the declaration page shows. */
export interface Assessment {
  declarationId: string;
  declarationVersion: number;
  office: string;
  lodgedAt: string;
  snapshotKey: string;
  versions: Record<string, unknown>;
  selectionPolicy: string;
  points: number;
  categories: CategoryPoints[];
  riskLane: Lane;
  lane: Lane;
  laneReasons: string[];
  selectedBy: 'random' | 'risk' | 'none';
  random: { draw: number; rate: number; drawn: boolean; lane: Lane };
  rules: FiredRule[];
  lists: { list: string; version: number; value: string; reason?: string; rules: string[] }[];
  lookouts: {
    lookout: string;
    version: number;
    title: string;
    hsCode: string;
    entry: string;
    reason?: string;
  }[];
  /** Present when watchlists were active: what screening found (hits may be empty). */
  watchlist?: {
    points: number;
    lane?: 'red' | 'yellow';
    screened: number;
    findings: string[];
    hits: WatchlistHit[];
  };
  /** Present when a model was active. */
  model?: AssessmentModel;
  ensemble?: { score: number; lane: Lane; laneReason: string; parts: EnsemblePart[] };
  capacity?: { from: Lane; day: string; capacity: number; rank: number };
}

/** What the model said about a declaration (core's ModelVerdict). */
export interface AssessmentModel {
  version: string;
  probability: number;
  baseProbability: number;
  reasons: ModelReason[];
  /** True when the reasons were not worked out (only declarations sent to control get them). */
  reasonsOmitted?: boolean;
}

/**
 * GET /api/declarations/:id/assessment — the latest assessment, its
 * explanation as sentences (core's explainAssessment), the watchlist hits
 * with the party screened and the alias that matched, and the model's
 * probability and reasons in officer's words (null when no model was active).
 */
export interface AssessmentView {
  assessment: Assessment;
  explanation: string[];
  watchlistHits: WatchlistHit[];
  model: AssessmentModel | null;
}

/** expected: a decision of a targeting officer on a referral. */
export interface Decision {
  id: string;
  declarationId: string;
  declarationVersion: number;
  lane: Lane;
  reason: string;
  decidedBy: string;
  decidedAt: string;
  /** The inspector the control is assigned to, for red and yellow. */
  assignedTo?: string | null;
}

/** expected: an inspection assigned to the calling inspector (GET /api/inspections/assigned). */
export interface InspectionTask {
  declarationId: string;
  declarationVersion: number;
  office: string;
  lodgedAt: string;
  lane: Lane;
  decidedAt: string;
  decidedBy: string;
  reason: string;
  importerName: string | null;
  /** Set once a result is recorded. */
  resultId: string | null;
}

/** expected: GET /api/rulesets */
export interface RulesetSummary {
  name: string;
  version: number;
  status: 'draft' | 'active' | 'retired';
  ruleCount: number;
  createdAt: string;
  createdBy: string;
  reason: string | null;
  activatedAt: string | null;
  activatedBy: string | null;
}

/** A rule as analysts write it (core's Rule). */
export interface RuleSource {
  id: string;
  title: string;
  description: string;
  category: string;
  points: number;
  validFrom?: string;
  validTo?: string;
  scope?: { offices?: string[]; procedures?: string[]; modes?: string[] };
  condition: string;
}

/** expected: GET /api/rulesets/:name/versions/:version */
export interface Ruleset extends RulesetSummary {
  rules: RuleSource[];
  listVersions: Record<string, number>;
}

/** core's RuleProblem */
export interface RuleProblem {
  code: string;
  ruleId?: string;
  ruleIndex?: number;
  line?: number;
  column?: number;
  field?: string;
  message: string;
}

/** expected: POST /api/rules/validate */
export interface ValidateAnswer {
  ok: boolean;
  problems: RuleProblem[];
}

/** expected: GET /api/watchlists/search */
export interface WatchlistSearchAnswer {
  query: string;
  hits: WatchlistHit[];
}

/** expected: GET /api/dashboard */
export interface DashboardFigures {
  from: string;
  to: string;
  lanes: Record<Lane, number>;
  hitRate: {
    overall: { inspected: number; findings: number };
    random: { inspected: number; findings: number };
    risk: { inspected: number; findings: number };
  };
  /** Per day (or week, see `bucket`). */
  series: { day: string; declarations: number; inspected: number; findings: number; revenue: number }[];
  bucket: 'day' | 'week';
  currency: string;
  /** Hours from lodgement to release, per lane. */
  releaseHours: { lane: Lane; p50: number; p90: number; count: number }[];
}
