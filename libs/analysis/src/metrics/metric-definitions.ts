import type { MetricName } from './conversation-metrics';

/** The unit of each numeric metric, as an evaluation node shows it. */
export const METRIC_UNITS: Record<MetricName, string> = {
  conversationTime: 'seconds',
  agentTalkTime: 'seconds',
  customerTalkTime: 'seconds',
  silenceTime: 'seconds',
  agentTalkShare: 'share',
  agentQuestions: 'questions',
  customerQuestions: 'questions',
  exchanges: 'exchanges',
  interruptions: 'interruptions',
  agentWordsPerMinute: 'words per minute',
  agentFillerWords: 'words',
  longestMonologue: 'seconds',
  longestCustomerStory: 'seconds',
  interactivity: 'score',
  agentWordCount: 'words',
  agentUniqueWords: 'words',
  agentFillerWordsPerMinute: 'words per minute',
  agentExchanges: 'exchanges',
  agentExchangesWithQuestion: 'exchanges',
  agentControl: 'share',
  agentVocabularyScore: 'share',
};

/** Metrics about the agent: meaningless when the agent cannot be told apart from the customer. */
export const AGENT_METRICS: ReadonlySet<MetricName> = new Set<MetricName>([
  'agentTalkTime',
  'agentTalkShare',
  'agentQuestions',
  'agentWordsPerMinute',
  'agentFillerWords',
  'longestMonologue',
  'agentWordCount',
  'agentUniqueWords',
  'agentFillerWordsPerMinute',
  'agentExchanges',
  'agentExchangesWithQuestion',
  'agentControl',
  'agentVocabularyScore',
]);

export const CUSTOMER_METRICS: ReadonlySet<MetricName> = new Set<MetricName>([
  'customerTalkTime',
  'customerQuestions',
  'longestCustomerStory',
]);
