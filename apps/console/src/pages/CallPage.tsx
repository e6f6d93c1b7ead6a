import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, ok } from '../api';
import type { Analysis, Transcript } from '../call-types';
import { Badge, ErrorMessage, formatDate, formatSeconds, Loading, Section } from '../components/Feedback';
import { SentimentTrend } from '../components/Charts';
import { Link, useLocation } from '../router';
import { canEdit, seesPersonalData, useSession } from '../session';
import { FeatureBadges } from './Calls';
import { EvaluationTree } from './call/EvaluationTree';
import { FollowupsPanel } from './call/FollowupsPanel';
import { AnnotationsPanel, NotesPanel, ReviewForm, TagsPanel } from './call/CallForms';
import { TranscriptView } from './call/TranscriptView';

interface CallRecord {
  id: string;
  title?: string | null;
  type?: string;
  agentName?: string | null;
  customerPhone?: string | null;
  direction?: string | null;
  date?: string;
  duration?: number | null;
  processingStatus: string;
  processingErrors?: Array<{ message?: string }>;
  features?: Record<string, { status: string; reason?: string }>;
  tags?: Array<{ id: string; value: string }>;
  format?: string | null;
}

export function CallPage({ id }: { id: string }) {
  const { me } = useSession();
  const startAt = Number(useLocation().searchParams.get('t'));
  const redacted = !seesPersonalData(me);
  const audio = useRef<HTMLAudioElement>(null);
  const [record, setRecord] = useState<CallRecord | null>(null);
  const [transcript, setTranscript] = useState<Transcript | null>(null);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [audioUrl, setAudioUrl] = useState<string | null>(null);
  const [audioProblem, setAudioProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [time, setTime] = useState(0);

  const loadAudio = useCallback(async () => {
    const link = await api.POST('/api/v1/records/{id}/audio-link', {
      params: { path: { id } },
      body: { redacted },
    });
    if (!link.data) return setAudioProblem('The audio of this call cannot be played.');
    // Same origin as the page whatever PUBLIC_URL says, so a proxy in front changes nothing.
    const url = new URL(link.data.data.url);
    setAudioUrl(url.pathname + url.search);
  }, [id, redacted]);

  useEffect(() => {
    let current = true;
    setError(null);
    setRecord(null);
    const load = async () => {
      const call = ok(await api.GET('/api/v1/records/{id}', { params: { path: { id } } }))
        .data as unknown as CallRecord;
      if (!current) return;
      setRecord(call);
      const [words, analyses] = await Promise.all([
        api.GET('/api/v1/records/{id}/transcript', {
          params: { path: { id }, query: { redacted } as never },
        }),
        api.GET('/api/v1/analyses', { params: { query: { recordId: id, pageSize: 1 } as never } }),
      ]);
      if (!current) return;
      if (words.data) setTranscript(words.data.data as unknown as Transcript);
      const newest = (analyses.data?.data as Array<{ id: string }> | undefined)?.[0];
      if (newest) {
        const full = await api.GET('/api/v1/analyses/{id}', { params: { path: { id: newest.id } } });
        if (current && full.data) setAnalysis(full.data.data as unknown as Analysis);
      }
      if (call.type !== 'transcript' && call.format) await loadAudio();
    };
    load().catch((failure: unknown) => {
      if (!current) return;
      setError(
        failure instanceof ApiError && failure.status === 404
          ? new Error('This call does not exist, or was deleted.')
          : failure,
      );
    });
    return () => {
      current = false;
    };
  }, [id, redacted, loadAudio]);

  const seek = useCallback((seconds: number) => {
    const player = audio.current;
    if (!player) return;
    player.currentTime = seconds;
    setTime(seconds);
  }, []);

  if (error)
    return (
      <>
        <h1>Call</h1>
        <ErrorMessage error={error} />
        <p>
          <Link href="/calls">Back to the calls</Link>
        </p>
      </>
    );
  if (!record) return <Loading what="the call" />;
  const editable = canEdit(me);

  return (
    <>
      <p>
        <Link href="/calls">← Calls</Link>
      </p>
      <h1>{record.title || record.agentName || 'Call'}</h1>
      <dl className="facts">
        <dt>Date</dt>
        <dd>{formatDate(record.date)}</dd>
        <dt>Length</dt>
        <dd>{formatSeconds(record.duration)}</dd>
        <dt>Direction</dt>
        <dd>{record.direction ?? '–'}</dd>
        <dt>Agent</dt>
        <dd>{record.agentName ?? '–'}</dd>
        <dt>Customer</dt>
        <dd>{record.customerPhone ?? '–'}</dd>
        <dt>Status</dt>
        <dd>
          <Badge>{record.processingStatus}</Badge> <FeatureBadges features={record.features} />
        </dd>
      </dl>
      {record.processingErrors?.map((problem, index) => (
        <p key={index} className="error">
          {problem.message}
        </p>
      ))}
      <div className="call-layout">
        <div className="call-main">
          <Section title={redacted ? 'Audio (personal data silenced)' : 'Audio'}>
            {audioUrl ? (
              <audio
                ref={audio}
                controls
                preload="metadata"
                src={audioUrl}
                aria-label="Call audio"
                onLoadedMetadata={() => {
                  if (startAt > 0) seek(startAt);
                }}
                onTimeUpdate={(event) => setTime(event.currentTarget.currentTime)}
                onSeeked={(event) => setTime(event.currentTarget.currentTime)}
                onError={() =>
                  setAudioProblem(
                    redacted
                      ? 'No redacted copy of this audio is available yet.'
                      : 'The audio could not be loaded; reload the page to try again.',
                  )
                }
              />
            ) : (
              <p>
                {audioProblem ??
                  (record.type === 'transcript' ? 'A typed transcript has no audio.' : 'No audio.')}
              </p>
            )}
            {audioUrl && audioProblem && <p className="error">{audioProblem}</p>}
          </Section>
          <Section title={transcript?.redacted ? 'Transcript (personal data masked)' : 'Transcript'}>
            {transcript ? (
              <TranscriptView transcript={transcript} time={time} onSeek={seek} />
            ) : (
              <p>No transcript yet.</p>
            )}
          </Section>
        </div>
        <div className="call-side">
          {analysis ? (
            <>
              <Section title="Evaluation">
                <p>
                  Score <strong>{analysis.qualityScore ?? '–'}</strong>
                  {analysis.complianceStatus && <> · compliance {analysis.complianceStatus}</>}
                </p>
                {analysis.evaluation?.nodes && (
                  <EvaluationTree nodes={analysis.evaluation.nodes} onSeek={seek} />
                )}
              </Section>
              <Section title="Summary">
                <p>{analysis.summary ?? 'No summary.'}</p>
                {analysis.improvements && analysis.improvements.length > 0 && (
                  <ul>
                    {analysis.improvements.map((text) => (
                      <li key={text}>{text}</li>
                    ))}
                  </ul>
                )}
              </Section>
              <Section title="Sentiment">
                <p>
                  {analysis.sentiment?.label ?? '–'}
                  {analysis.sentiment?.score !== undefined && ` (${analysis.sentiment.score.toFixed(2)})`}
                </p>
                <SentimentTrend trend={analysis.sentiment?.trend ?? []} label="Sentiment over the call" />
              </Section>
              <Section title="Metrics">
                <dl className="metrics">
                  {Object.entries(analysis.metrics ?? {}).map(([name, value]) => (
                    <div key={name}>
                      <dt>{name}</dt>
                      <dd>{value === null ? '–' : Number.isInteger(value) ? value : value.toFixed(2)}</dd>
                    </div>
                  ))}
                </dl>
              </Section>
              <Section title="Keywords and bookmarks">
                <p>{analysis.keywords?.length ? analysis.keywords.join(', ') : 'No keywords.'}</p>
                <ul>
                  {analysis.bookmarks?.map((bookmark, index) => (
                    <li key={index}>
                      <button type="button" className="link" onClick={() => seek(bookmark.startTime)}>
                        {formatSeconds(bookmark.startTime)} {bookmark.text}
                      </button>
                    </li>
                  ))}
                </ul>
              </Section>
              <AnnotationsPanel analysisId={analysis.id} editable={editable} time={time} onSeek={seek} />
              {seesPersonalData(me) && <ReviewForm analysis={analysis} />}
            </>
          ) : (
            <Section title="Evaluation">
              <p>Not analysed yet.</p>
            </Section>
          )}
          <FollowupsPanel recordId={id} editable={editable} />
          <NotesPanel recordId={id} editable={editable} />
          <TagsPanel recordId={id} tags={record.tags ?? []} editable={editable} />
        </div>
      </div>
    </>
  );
}
