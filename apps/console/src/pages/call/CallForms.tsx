import { useState } from 'react';
import { api, ok } from '../../api';
import type { Analysis } from '../../call-types';
import { ErrorMessage, formatDate, formatSeconds, Section } from '../../components/Feedback';
import { useFormAction, useLoad } from '../../components/hooks';

interface Note {
  noteId: string;
  noteText: string;
  createdAt: string;
}

export function NotesPanel({ recordId, editable }: { recordId: string; editable: boolean }) {
  const { error, busy, run } = useFormAction();
  const loaded = useLoad(
    async () =>
      ok(await api.GET('/api/v1/records/{id}/notes', { params: { path: { id: recordId } } }))
        .data as unknown as Note[],
    [recordId],
  );
  const notes = loaded.value ?? [];
  return (
    <Section title="Notes">
      {notes.length === 0 && <p>No notes.</p>}
      <ul>
        {notes.map((note) => (
          <li key={note.noteId}>
            {note.noteText} <span className="muted">{formatDate(note.createdAt)}</span>
          </li>
        ))}
      </ul>
      {editable && (
        <form
          onSubmit={run(async (form) => {
            const created = ok(
              await api.POST('/api/v1/records/{id}/notes', {
                params: { path: { id: recordId } },
                body: { noteText: String(form.get('noteText')) },
              }),
            );
            loaded.setValue((list) => [...(list ?? []), created.data as unknown as Note]);
          })}
        >
          <label>
            New note
            <textarea name="noteText" required maxLength={5000} rows={2} />
          </label>
          <button type="submit" disabled={busy}>
            Add note
          </button>
        </form>
      )}
      <ErrorMessage error={error} />
    </Section>
  );
}

export function TagsPanel({
  recordId,
  tags: initial,
  editable,
}: {
  recordId: string;
  tags: Array<{ id: string; value: string }>;
  editable: boolean;
}) {
  const [tags, setTags] = useState(initial);
  const { error, busy, run } = useFormAction();
  const remove = async (tagId: string) => {
    await api.DELETE('/api/v1/records/{id}/tags/{tagId}', { params: { path: { id: recordId, tagId } } });
    setTags((list) => list.filter((tag) => tag.id !== tagId));
  };
  return (
    <Section title="Tags">
      <ul className="tags">
        {tags.map((tag) => (
          <li key={tag.id}>
            {tag.value}
            {editable && (
              <button
                type="button"
                className="link"
                onClick={() => void remove(tag.id)}
                aria-label={`Remove tag ${tag.value}`}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <form
          className="inline"
          onSubmit={run(async (form) => {
            const created = ok(
              await api.POST('/api/v1/records/{id}/tags', {
                params: { path: { id: recordId } },
                body: { value: String(form.get('value')) },
              }),
            );
            setTags((list) => [...list, created.data as unknown as { id: string; value: string }]);
          })}
        >
          <label>
            New tag
            <input name="value" required maxLength={100} />
          </label>
          <button type="submit" disabled={busy}>
            Add tag
          </button>
        </form>
      )}
      <ErrorMessage error={error} />
    </Section>
  );
}

interface Annotation {
  id: string;
  startTime: number;
  endTime?: number | null;
  text: string;
  category?: string | null;
}

/** Comments on a span of the call; the form starts at the player's current position. */
export function AnnotationsPanel({
  analysisId,
  editable,
  time,
  onSeek,
}: {
  analysisId: string;
  editable: boolean;
  time: number;
  onSeek(seconds: number): void;
}) {
  const { error, busy, run } = useFormAction();
  const loaded = useLoad(
    async () =>
      ok(await api.GET('/api/v1/analyses/{id}/annotations', { params: { path: { id: analysisId } } }))
        .data as unknown as Annotation[],
    [analysisId],
  );
  const annotations = loaded.value ?? [];
  return (
    <Section title="Annotations">
      <ul>
        {annotations.map((annotation) => (
          <li key={annotation.id}>
            <button type="button" className="link" onClick={() => onSeek(annotation.startTime)}>
              {formatSeconds(annotation.startTime)}
              {annotation.endTime != null && `–${formatSeconds(annotation.endTime)}`}
            </button>{' '}
            {annotation.text}
          </li>
        ))}
      </ul>
      {editable && (
        <form
          onSubmit={run(async (form) => {
            const start = Number(form.get('startTime'));
            const end = form.get('endTime') ? Number(form.get('endTime')) : undefined;
            const created = ok(
              await api.POST('/api/v1/analyses/{id}/annotations', {
                params: { path: { id: analysisId } },
                body: { startTime: start, endTime: end, text: String(form.get('text')) } as never,
              }),
            );
            loaded.setValue((list) => [...(list ?? []), created.data as unknown as Annotation]);
          })}
        >
          <div className="inline">
            <label>
              From (s)
              <input
                name="startTime"
                type="number"
                min="0"
                step="0.1"
                defaultValue={time.toFixed(1)}
                key={Math.floor(time)}
                required
              />
            </label>
            <label>
              To (s)
              <input name="endTime" type="number" min="0" step="0.1" />
            </label>
          </div>
          <label>
            Annotation
            <input name="text" required maxLength={2000} />
          </label>
          <button type="submit" disabled={busy}>
            Annotate
          </button>
        </form>
      )}
      <ErrorMessage error={error} />
    </Section>
  );
}

interface SavedReview {
  score: number;
  comment?: string;
}

/** The supervisor's QA review: a score, a comment and a verdict per criterion, replacing any earlier review. */
export function ReviewForm({ analysis }: { analysis: Analysis }) {
  const { error, busy, run } = useFormAction();
  const criteria = (analysis.evaluation?.nodes ?? []).filter((node) => node.nodeType !== 'SECTION');
  // No review yet is a 404: nothing to show.
  const { value: saved, setValue: setSaved } = useLoad(
    async () =>
      ok(await api.GET('/api/v1/analyses/{id}/review', { params: { path: { id: analysis.id } } }))
        .data as unknown as SavedReview,
    [analysis.id],
  );
  return (
    <Section title="QA review">
      {typeof saved?.score === 'number' && (
        <p>
          Reviewed: {saved.score}/100{saved.comment ? ` — ${saved.comment}` : ''}
        </p>
      )}
      <form
        onSubmit={run(async (form) => {
          const body = {
            score: Number(form.get('score')),
            comment: String(form.get('comment')),
            criteria: criteria
              .filter((node) => form.get(`criterion-${node.id}`))
              .map((node) => ({ id: node.id, passed: form.get(`criterion-${node.id}`) === 'pass' })),
          };
          const review = ok(
            await api.POST('/api/v1/analyses/{id}/review', {
              params: { path: { id: analysis.id } },
              body: body as never,
            }),
          );
          setSaved(review.data as unknown as SavedReview);
        })}
      >
        <label>
          Score (0–100)
          <input
            name="score"
            type="number"
            min="0"
            max="100"
            required
            defaultValue={analysis.qualityScore ?? undefined}
          />
        </label>
        {criteria.length > 0 && (
          <fieldset>
            <legend>Criteria</legend>
            {criteria.map((node) => (
              <label key={node.id} className="criterion">
                {node.name}
                <select name={`criterion-${node.id}`} defaultValue="">
                  <option value="">as scored</option>
                  <option value="pass">passed</option>
                  <option value="fail">failed</option>
                </select>
              </label>
            ))}
          </fieldset>
        )}
        <label>
          Comment
          <textarea name="comment" required maxLength={5000} rows={3} />
        </label>
        <button type="submit" disabled={busy}>
          Save review
        </button>
      </form>
      <ErrorMessage error={error} />
    </Section>
  );
}
