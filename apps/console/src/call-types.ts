/** The parts of a call's JSON the call page reads (docs/api.md); the generated schema leaves some of them open. */
export interface Sentence {
  speakerId: string;
  startTime: number;
  endTime: number;
  text: string;
  sentiment?: string | null;
}

export interface Transcript {
  speakers?: Array<{ speakerId: string; speakerLabel?: string; role?: string }>;
  sentences: Sentence[];
  redacted?: boolean;
}

export interface Evidence {
  startTime: number;
  endTime?: number;
  speakerId?: string;
  quote?: string;
}

export interface EvaluationNode {
  id: string;
  name: string;
  parentId?: string | null;
  nodeType: string;
  pointsPossible?: number;
  pointsEarned?: number;
  color?: string;
  result?: string;
  reason?: string;
  metricValue?: number;
  unit?: string;
  evidence?: Evidence[];
}

export interface Analysis {
  id: string;
  qualityScore?: number | null;
  complianceStatus?: string | null;
  summary?: string | null;
  improvements?: string[];
  sentiment?: { label?: string; score?: number; trend?: number[] };
  metrics?: Record<string, number | null>;
  keywords?: string[];
  bookmarks?: Array<{ text: string; startTime: number; type?: string }>;
  evaluation?: {
    score?: number | null;
    color?: string;
    profileVersion?: number;
    nodes?: EvaluationNode[];
  };
}

export interface Followup {
  id: string;
  text: string;
  type?: string;
  status: string;
  dueAt?: string | null;
  recordId?: string;
  ownerId?: string | null;
  history?: Array<{ id: string; status?: string; note?: string | null; createdAt: string }>;
}

export const FOLLOWUP_STATUSES = ['TO_DO', 'IN_PROGRESS', 'COMPLETE'] as const;
