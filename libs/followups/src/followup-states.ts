/** api.md "Coaching": a follow-up is worked through these states. */
export const FOLLOWUP_STATUSES = ['TO_DO', 'IN_PROGRESS', 'COMPLETE'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

/**
 * Which status may follow which: forward through the work, and back when it turns out not to be done (a completed
 * follow-up reopened). Setting the status it already has is not a change and adds no history.
 */
export const NEXT_STATUSES: Record<FollowupStatus, readonly FollowupStatus[]> = {
  TO_DO: ['IN_PROGRESS', 'COMPLETE'],
  IN_PROGRESS: ['TO_DO', 'COMPLETE'],
  COMPLETE: ['TO_DO', 'IN_PROGRESS'],
};

export const canMove = (from: FollowupStatus, to: FollowupStatus): boolean =>
  NEXT_STATUSES[from].includes(to);
