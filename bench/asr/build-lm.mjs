// Builds a small trigram language model (ARPA text) from phrase lines, with absolute discounting and backoff,
// keeping only words the pronunciation dictionary knows. Used by the benchmark's "domain" configurations.
//
//   node bench/asr/build-lm.mjs <phrases.txt> <out.lm> [dictionary]
import { readFileSync, writeFileSync } from 'node:fs';

const DISCOUNT = 0.5;

export function buildArpa(lines, known) {
  const sentences = lines
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => ['<s>', ...line.split(/\s+/).filter((w) => known(w)), '</s>']);
  const counts = [new Map(), new Map(), new Map()];
  for (const words of sentences)
    for (let n = 1; n <= 3; n += 1)
      for (let i = 0; i + n <= words.length; i += 1) {
        const key = words.slice(i, i + n).join(' ');
        if (n === 1 && key === '<s>') continue;
        counts[n - 1].set(key, (counts[n - 1].get(key) ?? 0) + 1);
      }
  counts[0].set('<s>', 0);
  const total = [...counts[0].values()].reduce((a, b) => a + b, 0);
  const vocabulary = counts[0].size;
  // Unigrams: add-one smoothed over the vocabulary (<s> is never predicted).
  const prob = [new Map(), new Map(), new Map()];
  for (const [w, c] of counts[0]) prob[0].set(w, w === '<s>' ? 0 : (c + 1) / (total + vocabulary - 1));
  const history = (key) => key.split(' ').slice(0, -1).join(' ');
  const tail = (key) => key.split(' ').slice(1).join(' ');
  const contextCount = (n, h) => {
    let sum = 0;
    let types = 0;
    for (const [key, c] of counts[n]) {
      if (history(key) !== h) continue;
      sum += c;
      types += 1;
    }
    return { sum, types };
  };
  const lower = (key) =>
    key.includes(' ')
      ? (prob[key.split(' ').length - 2].get(tail(key)) ?? backedOff(tail(key)))
      : prob[0].get(key);
  const bow = [new Map(), new Map()];
  function backedOff(key) {
    const parts = key.split(' ');
    if (parts.length === 1) return prob[0].get(key) ?? 0;
    const h = parts.slice(0, -1).join(' ');
    const weight = bow[parts.length - 2].get(h) ?? 1;
    return weight * (prob[parts.length - 2].get(tail(key)) ?? backedOff(tail(key)));
  }
  for (let n = 1; n <= 2; n += 1) {
    const byHistory = new Map();
    for (const key of counts[n].keys()) {
      const h = history(key);
      if (!byHistory.has(h)) byHistory.set(h, []);
      byHistory.get(h).push(key);
    }
    for (const [h, keys] of byHistory) {
      const { sum, types } = contextCount(n, h);
      let seenLower = 0;
      for (const key of keys) {
        prob[n].set(key, (counts[n].get(key) - DISCOUNT) / sum);
        seenLower += lower(key);
      }
      const reserved = (DISCOUNT * types) / sum;
      bow[n - 1].set(h, reserved / Math.max(1e-9, 1 - seenLower));
    }
  }
  const log = (p) => (p > 0 ? Math.log10(p) : -99).toFixed(4);
  const out = ['\\data\\', ...counts.map((m, i) => `ngram ${i + 1}=${m.size}`), ''];
  for (let n = 0; n < 3; n += 1) {
    out.push(`\\${n + 1}-grams:`);
    for (const key of [...counts[n].keys()].sort()) {
      const b = n < 2 ? bow[n].get(key) : undefined;
      out.push(
        `${log(prob[n].get(key))}\t${key}${b !== undefined ? `\t${log(b)}` : n < 2 ? '\t0.0000' : ''}`,
      );
    }
    out.push('');
  }
  out.push('\\end\\', '');
  return out.join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const [input, output, dictionary = '/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict'] =
    process.argv.slice(2);
  const words = new Set(
    readFileSync(dictionary, 'utf8')
      .split('\n')
      .map((line) => line.split(/\s+/)[0].replace(/\(\d+\)$/, '')),
  );
  const unknown = new Set();
  const arpa = buildArpa(readFileSync(input, 'utf8').split('\n'), (w) =>
    words.has(w) ? true : (unknown.add(w), false),
  );
  writeFileSync(output, arpa);
  if (unknown.size) console.error(`not in the dictionary, left out: ${[...unknown].join(' ')}`);
}
