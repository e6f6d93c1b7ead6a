import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildArpa } from './build-lm.mjs';

const MODEL = '/usr/share/pocketsphinx/model/en-us';

/** The domain trigram model built from domain/contact-centre.txt (generic phrases, not the test dialogues). */
function domainLanguageModel() {
  const dictionary = new Set(
    readFileSync(join(MODEL, 'cmudict-en-us.dict'), 'utf8')
      .split('\n')
      .map((line) => line.split(/\s+/)[0].replace(/\(\d+\)$/, '')),
  );
  const phrases = readFileSync(new URL('./domain/contact-centre.txt', import.meta.url), 'utf8').split('\n');
  const path = join(tmpdir(), 'parley-asr-contact-centre.lm');
  writeFileSync(
    path,
    buildArpa(phrases, (word) => dictionary.has(word)),
  );
  return path;
}

// Decoder configurations the benchmark compares. trackRate: the rate tracks are prepared at for a corpus rate.
export const CONFIGS = {
  // What ships: tracks at 16 kHz (8 kHz calls upsampled), the en-us model's own language model, -remove_noise no.
  default: {},
  // pocketsphinx's own settings (spectral noise subtraction on): what shipped before the benchmark.
  removenoise: { decoderArgs: () => ({ '-remove_noise': 'yes' }) },
  // Narrow-band audio read as it is: 8 kHz front end (256-point FFT, filter bank below Nyquist).
  native8k: {
    trackRate: (rate) => (rate === 8000 ? 8000 : 16000),
    decoderArgs: (trackRate) => (trackRate === 8000 ? { '-upperf': '3500' } : {}),
  },
  // The domain model alone (pocketsphinx cannot interpolate it with the general model from the command line).
  domainlm: {
    get languageModel() {
      return domainLanguageModel();
    },
  },
  // Language weight and word insertion penalty around the model's defaults (lw 6.5, wip 0.65).
  lw8: { decoderArgs: () => ({ '-lw': '8' }) },
  lw5: { decoderArgs: () => ({ '-lw': '5' }) },
  lw10: { decoderArgs: () => ({ '-lw': '10' }) },
  // Pocketsphinx adds 1/2 bit of random noise: upsampled narrow-band audio has no energy at all above 4 kHz.
  dither: { decoderArgs: () => ({ '-dither': 'yes' }) },
  // No spectral noise subtraction (it estimates noise from the empty upper band of upsampled audio): now the default.
  keepnoise: { decoderArgs: () => ({ '-remove_noise': 'no' }) },
  keepnoise_dither: { decoderArgs: () => ({ '-remove_noise': 'no', '-dither': 'yes' }) },
  // 8 kHz calls brought up to 16 kHz with ffmpeg's normal resampling filter (nothing above 4 kHz): what shipped
  // before `imageNarrowBand`.
  filtered: { narrowBandImage: false },
  // Narrow-band calls only: the 8 kHz track upsampled by inserting zeros (sox `upsample`, no filter at all), so
  // the 4-8 kHz band holds the full-strength mirror image of the speech.
  mirror: {
    narrowBandImage: false,
    transformTrack: (track, rate) => {
      if (rate !== 8000) return {};
      const narrow = track.path.replace(/\.wav$/, '-8k.wav');
      const path = track.path.replace(/\.wav$/, '-mirror.wav');
      execFileSync('sox', [track.path, '-r', '8000', narrow]);
      execFileSync('sox', [narrow, '-r', '16000', path, 'upsample', '2']);
      return { path };
    },
  },
  // Wider beams: fewer search errors for more CPU.
  widebeam: {
    decoderArgs: () => ({ '-beam': '1e-80', '-wbeam': '1e-60', '-pbeam': '1e-80', '-maxhmmpf': '-1' }),
  },
};
