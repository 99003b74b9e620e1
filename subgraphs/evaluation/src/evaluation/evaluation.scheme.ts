import { InputChecker, RequestContext } from '@tongxin/common';
import { EvaluationDimension } from './evaluation.enums';

/*
 * The scoring rules of the comprehensive evaluation, in one place: which dimensions a year's
 * scheme scores and with which weights, the range and precision of a score, and how weighted
 * scores and the composite are computed. Per-year schemes plug in as another
 * EvaluationSchemeSource; everything else reads the rules from here.
 */

export const SCORE_MIN = 0;
export const SCORE_MAX = 100;
export const SCORE_DECIMALS = 1;
/** Weights are stored as decimal(5,4). */
export const WEIGHT_DECIMALS = 4;
export const COMPOSITE_DECIMALS = 2;

const WEIGHT_UNITS = 10 ** WEIGHT_DECIMALS;
const SCORE_UNITS = 10 ** SCORE_DECIMALS;

export interface DimensionWeight {
  readonly dimension: EvaluationDimension;
  readonly weight: number;
}

export interface EvaluationScheme {
  /** How messages name the scheme ("the default scheme (§7)", later "the 2027 scheme"). */
  readonly name: string;
  /** Each dimension once, in display order; the weights add up to 1. */
  readonly weights: readonly DimensionWeight[];
}

/** Builds a scheme, refusing one that could not score consistently (a programming error, not a user's). */
export function defineScheme(name: string, weights: readonly DimensionWeight[]): EvaluationScheme {
  if (weights.length === 0) throw new Error(`${name} has no dimensions`);
  const seen = new Set<EvaluationDimension>();
  let units = 0;
  for (const { dimension, weight } of weights) {
    if (seen.has(dimension)) throw new Error(`${name} weights ${dimension} twice`);
    seen.add(dimension);
    const u = Math.round(weight * WEIGHT_UNITS);
    if (!(weight > 0) || u !== weight * WEIGHT_UNITS) throw new Error(`${name}: the weight of ${dimension} must be positive with at most ${WEIGHT_DECIMALS} decimals`);
    units += u;
  }
  if (units !== WEIGHT_UNITS) throw new Error(`${name}: the weights add up to ${units / WEIGHT_UNITS}, not 1`);
  return Object.freeze({ name, weights: Object.freeze(weights.map((w) => Object.freeze({ ...w }))) });
}

/** The four standards of §7/§15, weighted equally, until per-year schemes exist. */
export const DEFAULT_SCHEME = defineScheme('the default scheme (§7)', [
  { dimension: EvaluationDimension.POLITICAL_QUALITY, weight: 0.25 },
  { dimension: EvaluationDimension.SOCIAL_CONTRIBUTION, weight: 0.25 },
  { dimension: EvaluationDimension.PARTICIPATION_ABILITY, weight: 0.25 },
  { dimension: EvaluationDimension.STRATUM_INFLUENCE, weight: 0.25 },
]);

/** Where the service finds the scheme that applies to each year. */
export interface EvaluationSchemeSource {
  schemesFor(ctx: RequestContext<unknown>, years: readonly number[]): Promise<ReadonlyMap<number, EvaluationScheme>>;
  /** The same, read inside the recording transaction under a lock (see SchemeService); optional for fixed sources. */
  lockedSchemesFor?(tx: RequestContext<unknown>, years: readonly number[]): Promise<ReadonlyMap<number, EvaluationScheme>>;
}

/** Did these scores come from this scheme (same name, dimensions and weights, in order)? */
export function scoredUnder(scheme: EvaluationScheme, schemeName: string, scores: readonly WeightedScore[]): boolean {
  return scheme.name === schemeName && scheme.weights.length === scores.length && scheme.weights.every((w, i) => w.dimension === scores[i]!.dimension && w.weight === scores[i]!.weight);
}

/** Every year uses DEFAULT_SCHEME. */
export const defaultSchemeSource: EvaluationSchemeSource = {
  schemesFor: async (_ctx, years) => new Map(years.map((year) => [year, DEFAULT_SCHEME])),
};

/** One scored dimension with the weight the scheme gave it when it was recorded. */
export interface WeightedScore {
  readonly dimension: EvaluationDimension;
  readonly score: number;
  readonly weight: number;
}

/** weight × score, exact: both are decimals, so it is computed on integers. */
export function weightedOf(weight: number, score: number): number {
  return (Math.round(weight * WEIGHT_UNITS) * Math.round(score * SCORE_UNITS)) / (WEIGHT_UNITS * SCORE_UNITS);
}

/** Σ weight × score, rounded half up to COMPOSITE_DECIMALS. */
export function compositeOf(scores: readonly WeightedScore[]): number {
  const exact = scores.reduce((sum, s) => sum + Math.round(s.weight * WEIGHT_UNITS) * Math.round(s.score * SCORE_UNITS), 0);
  const toComposite = (WEIGHT_UNITS * SCORE_UNITS) / 10 ** COMPOSITE_DECIMALS;
  return Math.round(exact / toComposite) / 10 ** COMPOSITE_DECIMALS;
}

export interface ScoreDraft {
  readonly dimension?: string | null;
  readonly score?: number | null;
}

/**
 * Checks that `scores` (field `field` of `check`) scores each dimension of `scheme` exactly once, each
 * score in range and precision, and returns them in the scheme's order with their weights.
 * Without a scheme (the year itself is wrong) only the scores themselves are checked.
 */
export function checkScores(check: InputChecker, field: string, scores: readonly ScoreDraft[] | null | undefined, scheme: EvaluationScheme | undefined): WeightedScore[] | undefined {
  const errorsBefore = check.errors.length;
  const dimensionsOf = (s: EvaluationScheme) => s.weights.map((w) => w.dimension).join(', ');
  if (!scores || scores.length === 0) {
    check.fail(field, scheme ? `must score each dimension of ${scheme.name} once: ${dimensionsOf(scheme)}` : 'must not be empty');
    return undefined;
  }
  const given = new Map<EvaluationDimension, { index: number; score: number | undefined }>();
  scores.forEach((s, i) => {
    const dimension = check.oneOf(`${field}[${i}].dimension`, s?.dimension, EvaluationDimension, { required: true });
    const score = check.number(`${field}[${i}].score`, s?.score, { required: true, min: SCORE_MIN, max: SCORE_MAX, decimals: SCORE_DECIMALS });
    if (!dimension) return;
    const first = given.get(dimension);
    if (first) check.fail(`${field}[${i}].dimension`, `repeats ${dimension} of ${check.path(field)}[${first.index}]: score each dimension once`);
    else if (scheme && !scheme.weights.some((w) => w.dimension === dimension)) {
      check.fail(`${field}[${i}].dimension`, `${dimension} is not a dimension of ${scheme.name}: ${dimensionsOf(scheme)}`);
    } else given.set(dimension, { index: i, score });
  });
  if (!scheme) return undefined;
  const missing = scheme.weights.filter((w) => !given.has(w.dimension)).map((w) => w.dimension);
  if (missing.length) check.fail(field, `lacks ${missing.join(', ')}: score each dimension of ${scheme.name} once`);
  if (check.errors.length > errorsBefore) return undefined;
  return scheme.weights.map(({ dimension, weight }) => ({ dimension, weight, score: given.get(dimension)!.score! }));
}

/** A weight as a user sends it. */
export interface WeightDraft {
  readonly dimension?: string | null;
  readonly weight?: number | null;
}

/**
 * Checks the weights of a scheme a user defines, every problem named by its path
 * (`input.weights[2].weight`): each dimension once, each weight in (0, 1] with at most
 * WEIGHT_DECIMALS decimals, and their sum exactly 1 (compared in units of 0.0001, so 0.1 + 0.2 +
 * 0.7 is 1). Returns the weights in the order given, or undefined when anything is wrong.
 */
export function checkSchemeWeights(check: InputChecker, field: string, weights: readonly WeightDraft[] | null | undefined): DimensionWeight[] | undefined {
  const errorsBefore = check.errors.length;
  if (!weights || weights.length === 0) {
    check.fail(field, 'must weight at least one dimension');
    return undefined;
  }
  const seen = new Map<EvaluationDimension, number>();
  const out: DimensionWeight[] = [];
  let units = 0;
  weights.forEach((w, i) => {
    const dimension = check.oneOf(`${field}[${i}].dimension`, w?.dimension, EvaluationDimension, { required: true });
    const weight = check.number(`${field}[${i}].weight`, w?.weight, { required: true, min: 0, max: 1, decimals: WEIGHT_DECIMALS });
    if (weight === 0) check.fail(`${field}[${i}].weight`, 'must be greater than 0: leave a dimension out instead of weighting it 0');
    if (weight !== undefined) units += Math.round(weight * WEIGHT_UNITS);
    if (!dimension) return;
    const first = seen.get(dimension);
    if (first !== undefined) check.fail(`${field}[${i}].dimension`, `repeats ${dimension} of ${check.path(field)}[${first}]: weight each dimension once`);
    else seen.set(dimension, i);
    if (weight !== undefined && weight > 0) out.push({ dimension, weight });
  });
  if (check.errors.length === errorsBefore && units !== WEIGHT_UNITS) {
    check.fail(field, `must add up to 1, not ${units / WEIGHT_UNITS}`);
  }
  return check.errors.length > errorsBefore ? undefined : out;
}
