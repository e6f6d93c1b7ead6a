export interface LlmSettings {
  /** Server root; the request goes to `{baseUrl}/v1/chat/completions` (a trailing /v1 is tolerated). */
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs: number;
}

export interface LlmSummary {
  summary: string;
  improvements: string[];
}

export interface LlmSummaryRequest {
  /** The conversation as "Agent: ..." / "Customer: ..." lines, already redacted: PII never leaves Parley. */
  conversation: string;
  /** Texts of the scorecard criteria the call failed, for the model to turn into coaching. */
  failedCriteria: string[];
}

/** Why a call to the model gave nothing usable; the caller falls back to the extractive summary. */
export type LlmFailure = 'timeout' | 'http' | 'unreachable' | 'invalid-response';

export const LLM_LIMITS = {
  /** Characters of conversation sent; a long call is cut (beginning kept) to bound cost and latency. */
  conversationChars: 24_000,
  responseBytes: 256 * 1024,
  summaryChars: 2_000,
  improvements: 10,
  improvementChars: 300,
} as const;

const SYSTEM_PROMPT =
  'You review customer service calls. Reply with JSON only, no prose around it: ' +
  '{"summary": "<2-3 sentences: why the customer called, what was done, how it ended>", ' +
  '"improvements": ["<short, actionable coaching for the agent>", ...]}. ' +
  'Use at most 5 improvements; an empty list if the call was handled well. Never invent details.';

/**
 * Abstractive summary and coaching from any OpenAI-compatible chat completions server (OpenAI, vLLM, llama.cpp,
 * Ollama, LocalAI). Every failure — timeout, non-2xx, unreachable, a reply that is not the JSON asked for — returns
 * null with the reason, so the analysis keeps its extractive summary. The API key is sent only in the
 * Authorization header and never logged.
 */
export class LlmSummarizer {
  constructor(private readonly settings: LlmSettings) {}

  get endpoint(): string {
    return `${this.settings.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1/chat/completions`;
  }

  async summarize(
    request: LlmSummaryRequest,
  ): Promise<{ ok: true; value: LlmSummary } | { ok: false; reason: LlmFailure }> {
    const conversation = request.conversation.slice(0, LLM_LIMITS.conversationChars);
    const failed = request.failedCriteria.length
      ? `\n\nScorecard items the agent missed:\n- ${request.failedCriteria.join('\n- ')}`
      : '';
    const body = JSON.stringify({
      model: this.settings.model,
      temperature: 0.2,
      messages: [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: `Call transcript:\n${conversation}${failed}` },
      ],
    });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.settings.apiKey) headers.authorization = `Bearer ${this.settings.apiKey}`;
    const signal = AbortSignal.timeout(this.settings.timeoutMs);
    let text: string;
    try {
      const response = await fetch(this.endpoint, {
        method: 'POST',
        headers,
        body,
        signal,
        redirect: 'error',
      });
      if (!response.ok) {
        await response.body?.cancel();
        return { ok: false, reason: 'http' };
      }
      text = await readLimited(response, LLM_LIMITS.responseBytes);
    } catch (error) {
      if (signal.aborted) return { ok: false, reason: 'timeout' };
      return { ok: false, reason: error instanceof ResponseTooLarge ? 'invalid-response' : 'unreachable' };
    }
    const value = parseReply(text);
    return value ? { ok: true, value } : { ok: false, reason: 'invalid-response' };
  }
}

class ResponseTooLarge extends Error {}

async function readLimited(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) throw new ResponseTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The model's JSON, validated; null for anything else (prose, wrong types, empty summary). */
export function parseReply(raw: string): LlmSummary | null {
  try {
    const completion = JSON.parse(raw) as { choices?: Array<{ message?: { content?: unknown } }> };
    const content = completion.choices?.[0]?.message?.content;
    if (typeof content !== 'string') return null;
    // Models like to wrap JSON in a Markdown fence even when told not to.
    const json = content
      .trim()
      .replace(/^```(?:json)?\s*/i, '')
      .replace(/\s*```$/, '');
    const reply = JSON.parse(json) as { summary?: unknown; improvements?: unknown };
    if (typeof reply.summary !== 'string' || !reply.summary.trim()) return null;
    const improvements = Array.isArray(reply.improvements) ? reply.improvements : [];
    if (!improvements.every((item): item is string => typeof item === 'string')) return null;
    return {
      summary: reply.summary.trim().slice(0, LLM_LIMITS.summaryChars),
      improvements: improvements
        .map((item) => item.trim())
        .filter(Boolean)
        .slice(0, LLM_LIMITS.improvements)
        .map((item) => item.slice(0, LLM_LIMITS.improvementChars)),
    };
  } catch {
    return null;
  }
}
