import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeAnalysis, DEFAULT_PROFILE, silenceSpans } from '@app/analysis';
import { audioLevels } from '../support/audio-levels';
import { loadCorpus } from '../support/corpus';
import { corpusPiiLabels, truthTranscript } from '../support/corpus-analysis';

const corpus = loadCorpus({ formats: ['wav'] });

/** Mean volume (dB) of one channel over a stretch; ffmpeg reports -91 dB for digital silence. */
const meanVolume = (path: string, channel: number, from: number, length: number) =>
  audioLevels(path, { from, to: from + length, channel }).meanDb;

describe('analysis over the corpus (ground-truth transcripts)', () => {
  it.each(corpus.ids)('%s: compliance, PII, greeting and closing as the script says', (id) => {
    const truth = corpus.truth(id);
    const result = computeAnalysis(truthTranscript(truth), DEFAULT_PROFILE);
    const passed = (criterion: string) =>
      result.criteria.find((c) => c.id === criterion)?.passed ? 'yes' : 'no';
    expect(result.complianceStatus).toBe(truth.expect.disclosure === 'yes' ? 'passed' : 'failed');
    expect(corpusPiiLabels(result)).toEqual([truth.expect.pii ?? []].flat().sort());
    expect(passed('greeting')).toBe(truth.expect.greeting);
    expect(passed('closing')).toBe(truth.expect.closing);
    // Nothing derived from the call repeats what the redaction removed.
    const derived = JSON.stringify({ ...result, sentences: [] });
    for (const span of truth.utterances.flatMap((u) => u.spans)) expect(derived).not.toContain(span.text);
  });

  it('agrees with at least 80% of the sentiment labels', () => {
    const agreeing = corpus.ids.filter((id) => {
      const truth = corpus.truth(id);
      return (
        computeAnalysis(truthTranscript(truth), DEFAULT_PROFILE).sentiment.label.toLowerCase() ===
        truth.expect.sentiment
      );
    });
    expect(agreeing.length / corpus.ids.length).toBeGreaterThanOrEqual(0.8);
  });

  it('silences the card number, email and phone in a redacted copy of the call audio', async () => {
    const truth = corpus.truth('pii-payment');
    const result = computeAnalysis(truthTranscript(truth), DEFAULT_PROFILE);
    expect(result.pii.map((p) => p.type).sort()).toEqual(['CREDIT_CARD', 'EMAIL', 'PHONE_NUMBER']);
    const dir = mkdtempSync(join(tmpdir(), 'parley-corpus-redact-'));
    try {
      const output = join(dir, 'redacted.wav');
      await silenceSpans(corpus.file('pii-payment'), output, result.pii);
      const card = result.pii.find((p) => p.type === 'CREDIT_CARD')!;
      const middle = (card.startTime + card.endTime) / 2;
      // The customer (right channel) read the card out: loud in the original, silent in the copy.
      expect(meanVolume(corpus.file('pii-payment'), 1, middle - 1, 2)).toBeGreaterThan(-50);
      expect(meanVolume(output, 1, middle - 1, 2)).toBeLessThan(-90);
      // The agent's greeting at the start is untouched.
      const greeting = truth.utterances[0];
      expect(
        Math.abs(
          meanVolume(output, 0, greeting.startTime, 2) -
            meanVolume(corpus.file('pii-payment'), 0, greeting.startTime, 2),
        ),
      ).toBeLessThan(0.5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
