/**
 * A search snippet as text with its matches bold. The API escapes the text and marks matches with <b>…</b>; the
 * snippet is split on those markers and every piece rendered as a text node (entities decoded), so no markup of
 * the call's words — or of the query — ever becomes HTML.
 */
export function Snippet({ html }: { html: string }) {
  const pieces = html.split(/(<b>|<\/b>)/);
  let bold = false;
  const parts: Array<{ text: string; bold: boolean }> = [];
  for (const piece of pieces) {
    if (piece === '<b>') bold = true;
    else if (piece === '</b>') bold = false;
    else if (piece) parts.push({ text: decodeEntities(piece), bold });
  }
  return (
    <span className="snippet">
      {parts.map((part, index) =>
        part.bold ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </span>
  );
}

export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_all, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
  );
}
