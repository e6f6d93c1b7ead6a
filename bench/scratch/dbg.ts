import { loadConfig } from '@app/core';
import { TranscriptionEngines, TranscriptionService } from '@app/transcription';
import { loadCorpus } from '../../test/support/corpus';
async function main() {
  const corpus = loadCorpus();
  const config = loadConfig({ TRANSCRIPTION_ENGINE: 'pocketsphinx' });
  const service = new TranscriptionService(config, new TranscriptionEngines(config));
  const id = 'appointment-booking';
  const truth = corpus.truth(id);
  for (const u of truth.utterances) console.log('T', u.channel, u.startTime.toFixed(2), u.endTime.toFixed(2), u.text);
  const result = await service.transcribeRecording({ path: corpus.file(id, 'ogg'), language: 'en-US' });
  for (const s of result.sentences) {
    const channel = s.speakerId === 'spk_0' ? 0 : 1;
    const near = truth.utterances.some((u) => u.channel === channel && s.startTime >= u.startTime - 0.5 && s.startTime <= u.endTime);
    console.log(near ? 'S' : 'BAD', channel, s.startTime.toFixed(2), s.endTime.toFixed(2), s.text);
  }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
