import { transcriptOf } from '../testing/transcript-builder';
import { speakerTurns } from './speaker-turns';

describe('speakerTurns', () => {
  it("joins a speaker's consecutive sentences and keeps the turns of different speakers apart", () => {
    const turns = speakerTurns(
      transcriptOf([
        ['A', 0, 2, 'Thank you for calling.'],
        ['A', 2, 3, 'How can I help?'],
        ['C', 3.5, 6, 'My order never came.'],
        ['A', 6.5, 8, 'I am sorry.'],
      ]),
    );
    expect(turns.map((turn) => [turn.text, turn.startTime, turn.endTime])).toEqual([
      ['Thank you for calling. How can I help?', 0, 3],
      ['My order never came.', 3.5, 6],
      ['I am sorry.', 6.5, 8],
    ]);
  });
});
