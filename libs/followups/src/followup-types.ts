/** api.md "Coaching": what a follow-up asks for. */
export const FOLLOWUP_TYPES = ['CALLBACK', 'SEND_INFO', 'REFUND', 'ESCALATION', 'SCHEDULE', 'OTHER'] as const;
export type FollowupType = (typeof FOLLOWUP_TYPES)[number];

export const FOLLOWUP_SOURCES = ['ai', 'human'] as const;
export type FollowupSource = (typeof FOLLOWUP_SOURCES)[number];

export interface FollowupEvidence {
  startTime: number;
  endTime: number;
  speakerId: string;
  quote: string;
}
