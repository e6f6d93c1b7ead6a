import { validationFailed, type ErrorDetail } from '@app/core';
import type { ColorBand, ProfileCriterion, ProfileSection } from '../scorecard/profile';

export interface ProfileShape {
  criteria: ProfileCriterion[];
  sections: ProfileSection[];
  colors: ColorBand[] | null;
}

function checkCriterion(criterion: ProfileCriterion, field: string, details: ErrorDetail[]): void {
  if (
    !criterion.phrases?.length &&
    !criterion.examples?.length &&
    !criterion.forbiddenPhrases?.length &&
    !criterion.metric
  )
    details.push({ field, message: 'needs phrases, examples, forbiddenPhrases or a metric' });
  for (const key of ['phrases', 'examples', 'forbiddenPhrases'] as const)
    criterion[key]?.forEach((phrase, j) => {
      if (!/[\p{L}\p{N}]/u.test(phrase))
        details.push({ field: `${field}.${key}.${j}`, message: 'must contain a word' });
    });
  const metric = criterion.metric;
  if (metric) {
    const hasThreshold = metric.operator !== undefined || metric.value !== undefined;
    if (hasThreshold && (metric.operator === undefined || metric.value === undefined))
      details.push({ field: `${field}.metric`, message: 'operator and value go together' });
    if (!hasThreshold && !metric.rubric)
      details.push({ field: `${field}.metric`, message: 'needs operator and value, or a rubric' });
    if (metric.rubric && metric.rubric.minTarget > metric.rubric.maxTarget)
      details.push({
        field: `${field}.metric.rubric`,
        message: `minTarget (${metric.rubric.minTarget}) is above maxTarget (${metric.rubric.maxTarget})`,
      });
  }
  const trigger = criterion.appliesWhen;
  if (trigger && !trigger.phrases?.length && !trigger.examples?.length)
    details.push({ field: `${field}.appliesWhen`, message: 'needs phrases or examples' });
}

/**
 * What the DTO cannot say alone: a profile has criteria either outside sections or in them (not both), at least
 * one; criterion and section ids are unique; each criterion checks something; section weights sum to 100; a
 * rubric's range is a range; colour bands are ranges. Throws 400 naming every field at fault.
 */
export function checkProfile(profile: ProfileShape): void {
  const details: ErrorDetail[] = [];
  const { criteria, sections, colors } = profile;
  if (sections.length > 0 && criteria.length > 0)
    details.push({ field: 'criteria', message: 'a profile with sections keeps its criteria in them' });
  if (criteria.length === 0 && sections.length === 0)
    details.push({ field: 'criteria', message: 'a profile needs at least one criterion' });
  const seen = new Set<string>();
  const check = (criterion: ProfileCriterion, field: string) => {
    if (seen.has(criterion.id))
      details.push({ field: `${field}.id`, message: `id "${criterion.id}" is used twice` });
    seen.add(criterion.id);
    checkCriterion(criterion, field, details);
  };
  criteria.forEach((criterion, i) => check(criterion, `criteria.${i}`));
  const sectionIds = new Set<string>();
  sections.forEach((section, s) => {
    if (sectionIds.has(section.id) || seen.has(section.id))
      details.push({ field: `sections.${s}.id`, message: `id "${section.id}" is used twice` });
    sectionIds.add(section.id);
    section.criteria.forEach((criterion, i) => check(criterion, `sections.${s}.criteria.${i}`));
  });
  if (sections.length > 0) {
    const total = sections.reduce((sum, section) => sum + section.weight, 0);
    if (Math.abs(total - 100) > 0.01)
      details.push({ field: 'sections', message: `section weights must sum to 100 (they sum to ${total})` });
  }
  colors?.forEach((band, i) => {
    if (band.lowRange > band.highRange)
      details.push({
        field: `colors.${i}`,
        message: `lowRange (${band.lowRange}) is above highRange (${band.highRange})`,
      });
  });
  if (details.length > 0)
    throw validationFailed(details.map((d) => `${d.field} ${d.message}`).join('; '), details);
}
