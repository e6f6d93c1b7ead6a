import { useEffect, useRef } from 'react';
import type { Transcript } from '../../call-types';
import { formatSeconds } from '../../components/Feedback';

/**
 * The transcript beside the audio: the sentence being spoken is highlighted (and kept in view), and each sentence is
 * a button that seeks the audio to its start. Text is rendered as text: a transcript saying <script> shows it.
 */
export function TranscriptView({
  transcript,
  time,
  onSeek,
}: {
  transcript: Transcript;
  time: number;
  onSeek(seconds: number): void;
}) {
  const roles = new Map(
    (transcript.speakers ?? []).map((speaker) => [speaker.speakerId, speaker.role ?? speaker.speakerLabel]),
  );
  const active = transcript.sentences.findIndex(
    (sentence) => time >= sentence.startTime && time < sentence.endTime,
  );
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (active < 0) return;
    const item = list.current?.children[active] as HTMLElement | undefined;
    item?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  if (transcript.sentences.length === 0) return <p>Nothing was said on this call.</p>;
  return (
    <ol className="transcript" ref={list}>
      {transcript.sentences.map((sentence, index) => {
        const role = roles.get(sentence.speakerId) ?? sentence.speakerId;
        return (
          <li key={index} className={`sentence ${role}`} aria-current={index === active ? 'true' : undefined}>
            <button
              type="button"
              data-start={sentence.startTime}
              data-end={sentence.endTime}
              onClick={() => onSeek(sentence.startTime)}
            >
              <span className="speaker">{role}</span>
              <span className="time">{formatSeconds(sentence.startTime)}</span>
              <span className="text">{sentence.text}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
