import { type FormEvent, useState } from 'react';
import { api, ok } from '../../api';
import { type Followup, FOLLOWUP_STATUSES } from '../../call-types';
import { ErrorMessage, formatDate, Section } from '../../components/Feedback';
import { useLoad } from '../../components/hooks';
import { Link } from '../../router';

export const STATUS_TEXT: Record<string, string> = {
  TO_DO: 'to do',
  IN_PROGRESS: 'in progress',
  COMPLETE: 'complete',
};

/** One follow-up: its text, due date, status (changeable) and a note box. Used on the call page and the list. */
export function FollowupItem({
  followup,
  editable,
  onChange,
  showCall = false,
}: {
  followup: Followup;
  editable: boolean;
  onChange(next: Followup): void;
  /** On the list across calls: a link to the call it came from. */
  showCall?: boolean;
}) {
  const [error, setError] = useState<unknown>(null);
  const patch = async (body: { status?: string; note?: string }) => {
    setError(null);
    try {
      const updated = ok(
        await api.PATCH('/api/v1/followups/{id}', {
          params: { path: { id: followup.id } },
          body: body as never,
        }),
      );
      onChange(updated.data as unknown as Followup);
    } catch (failure) {
      setError(failure);
    }
  };
  const addNote = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const note = String(new FormData(form).get('note') ?? '').trim();
    if (note) void patch({ note }).then(() => form.reset());
  };
  return (
    <li className="followup" data-followup={followup.id}>
      <p>
        {followup.text}
        {followup.dueAt && <span className="due"> · due {formatDate(followup.dueAt)}</span>}
      </p>
      {editable ? (
        <label>
          Status
          <select value={followup.status} onChange={(event) => void patch({ status: event.target.value })}>
            {FOLLOWUP_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_TEXT[status]}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p>Status: {STATUS_TEXT[followup.status] ?? followup.status}</p>
      )}
      {followup.history && followup.history.some((entry) => entry.note) && (
        <ul className="history">
          {followup.history
            .filter((entry) => entry.note)
            .map((entry) => (
              <li key={entry.id}>
                {formatDate(entry.createdAt)}: {entry.note}
              </li>
            ))}
        </ul>
      )}
      {editable && (
        <form onSubmit={addNote} className="inline">
          <label>
            Note
            <input name="note" maxLength={2000} />
          </label>
          <button type="submit">Add note</button>
        </form>
      )}
      {showCall && followup.recordId && <Link href={`/calls/${followup.recordId}`}>Open the call</Link>}
      <ErrorMessage error={error} />
    </li>
  );
}

export function FollowupsPanel({ recordId, editable }: { recordId: string; editable: boolean }) {
  const {
    value: items,
    error,
    setValue,
  } = useLoad(
    async () =>
      ok(await api.GET('/api/v1/records/{id}/followups', { params: { path: { id: recordId } } }))
        .data as unknown as Followup[],
    [recordId],
  );
  const replace = (next: Followup) =>
    setValue((list) => list?.map((item) => (item.id === next.id ? next : item)) ?? null);
  return (
    <Section title="Follow-ups">
      <ErrorMessage error={error} />
      {items?.length === 0 && <p>No follow-ups on this call.</p>}
      <ul className="followups">
        {items?.map((item) => (
          <FollowupItem key={item.id} followup={item} editable={editable} onChange={replace} />
        ))}
      </ul>
    </Section>
  );
}
