import {
  DEFAULT_COLOR_BANDS,
  type ColorBand,
  type EvaluationColor,
  type ProfileCriterion,
  type ScorecardProfile,
} from './profile';
import type { EvidenceQuote, Judgement } from './scorecard';

export const EVALUATION_RESULTS = ['met', 'not_met', 'not_applicable', 'not_evaluated'] as const;
export type EvaluationResult = (typeof EVALUATION_RESULTS)[number];

export interface EvaluationNode {
  id: string;
  name: string;
  parentId: string | null;
  nodeType: 'SECTION' | 'CRITERION' | 'METRIC';
  pointsPossible: number;
  pointsEarned: number;
  /** Null where nothing in the node could be scored. */
  color: EvaluationColor | null;
  result: EvaluationResult;
  reason?: string;
  metricValue?: number;
  unit?: string;
  evidence: EvidenceQuote[];
}

export interface EvaluationSection {
  id: string;
  name: string;
  weight: number;
  pointsPossible: number;
  pointsEarned: number;
  color: EvaluationColor | null;
}

/** `analysis.evaluation` of api.md "Coaching". */
export interface Evaluation {
  profileId?: string;
  profileVersion: number;
  pointsPossible: number;
  pointsEarned: number;
  /** 0-100; null when no criterion could be scored (nothing applied, or nothing could be judged). */
  score: number | null;
  color: EvaluationColor | null;
  sections: EvaluationSection[];
  nodes: EvaluationNode[];
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** The band a 0-100 score falls in: lowRange inclusive, highRange exclusive except at 100. */
export function colorOf(
  percent: number | null,
  bands: ColorBand[] = DEFAULT_COLOR_BANDS,
): EvaluationColor | null {
  if (percent === null) return null;
  const band =
    bands.find(
      (b) => percent >= b.lowRange && (percent < b.highRange || (b.highRange >= 100 && percent <= 100)),
    ) ?? bands.find((b) => percent >= b.lowRange && percent <= b.highRange);
  return band?.color ?? null;
}

const scored = (j: Judgement) => j.result === 'met' || j.result === 'not_met';

function totals(list: Judgement[]) {
  const counted = list.filter(scored);
  const possible = round2(counted.reduce((sum, j) => sum + j.pointsPossible, 0));
  const earned = round2(counted.reduce((sum, j) => sum + j.pointsEarned, 0));
  return { possible, earned, percent: possible > 0 ? (100 * earned) / possible : null };
}

/** A section is met when all its scored criteria are; not_applicable when none applied. */
function sectionResult(list: Judgement[]): EvaluationResult {
  if (list.some((j) => j.result === 'not_met')) return 'not_met';
  if (list.some((j) => j.result === 'met')) return 'met';
  if (list.some((j) => j.result === 'not_evaluated')) return 'not_evaluated';
  return 'not_applicable';
}

/**
 * The evaluation tree: a SECTION node per section (a profile without sections is read as one section per
 * category, weighted by the points it holds), a CRITERION or METRIC node per criterion under it. Criteria that
 * did not apply or could not be judged keep their points possible on their own node but add nothing to their
 * section's or the call's totals. The score is the sections' weighted mean of their earned share.
 */
export function buildEvaluation(
  profile: ScorecardProfile,
  judgements: Map<ProfileCriterion, Judgement>,
  profileVersion: number,
): Evaluation {
  const bands = profile.colors?.length ? profile.colors : DEFAULT_COLOR_BANDS;
  const groups: Array<{ id: string; name: string; weight: number | null; criteria: ProfileCriterion[] }> = [];
  const byCategory = new Map<string, ProfileCriterion[]>();
  for (const criterion of profile.criteria) {
    const list = byCategory.get(criterion.category) ?? [];
    list.push(criterion);
    byCategory.set(criterion.category, list);
  }
  for (const [category, criteria] of byCategory)
    groups.push({ id: category, name: category, weight: null, criteria });
  for (const section of profile.sections ?? [])
    groups.push({ id: section.id, name: section.name, weight: section.weight, criteria: section.criteria });

  const nodes: EvaluationNode[] = [];
  const sections: EvaluationSection[] = [];
  let weightedSum = 0;
  let weightTotal = 0;
  for (const group of groups) {
    const list = group.criteria.map((criterion) => judgements.get(criterion)!);
    const sum = totals(list);
    // Unsectioned categories weigh what their scored points weigh: the flat share of every point.
    const weight = group.weight ?? sum.possible;
    if (sum.percent !== null && weight > 0) {
      weightedSum += weight * sum.percent;
      weightTotal += weight;
    }
    const sectionColor = colorOf(sum.percent === null ? null : Math.round(sum.percent), bands);
    sections.push({
      id: group.id,
      name: group.name,
      weight: group.weight ?? sum.possible,
      pointsPossible: sum.possible,
      pointsEarned: sum.earned,
      color: sectionColor,
    });
    nodes.push({
      id: group.id,
      name: group.name,
      parentId: null,
      nodeType: 'SECTION',
      pointsPossible: sum.possible,
      pointsEarned: sum.earned,
      color: sectionColor,
      result: sectionResult(list),
      evidence: [],
    });
    for (const j of list) {
      const node: EvaluationNode = {
        id: j.criterion.id,
        name: j.criterion.description,
        parentId: group.id,
        nodeType: j.criterion.metric ? 'METRIC' : 'CRITERION',
        pointsPossible: j.pointsPossible,
        pointsEarned: j.pointsEarned,
        color: scored(j)
          ? colorOf(j.pointsPossible > 0 ? Math.round((100 * j.pointsEarned) / j.pointsPossible) : 100, bands)
          : null,
        result: j.result,
        evidence: j.evidence,
      };
      if (j.reason) node.reason = j.reason;
      if (j.metricValue !== undefined) node.metricValue = j.metricValue;
      if (j.unit) node.unit = j.unit;
      nodes.push(node);
    }
  }
  const all = totals([...judgements.values()]);
  const score = weightTotal > 0 ? Math.round(weightedSum / weightTotal) : null;
  return {
    profileVersion,
    pointsPossible: all.possible,
    pointsEarned: all.earned,
    score,
    color: colorOf(score, bands),
    sections,
    nodes,
  };
}
