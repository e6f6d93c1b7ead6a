import type { EvaluationNode } from '../../call-types';
import { formatSeconds } from '../../components/Feedback';

const RESULT_TEXT: Record<string, string> = {
  met: 'met',
  not_met: 'not met',
  not_applicable: 'did not apply',
  not_evaluated: 'not evaluated',
};

/** Sections and their criteria, each with the moments that earned (or lost) its points as links into the audio. */
export function EvaluationTree({
  nodes,
  onSeek,
}: {
  nodes: EvaluationNode[];
  onSeek(seconds: number): void;
}) {
  const roots = nodes.filter((node) => !node.parentId);
  // A criterion may share its id with its section (a profile without sections gets one per category), so children
  // are the nodes naming this one as parent, other than itself, each shown once.
  const shown = new Set<EvaluationNode>();
  const childrenOf = (parent: EvaluationNode) =>
    nodes.filter((node) => node !== parent && node.parentId === parent.id && !shown.has(node));
  const renderNode = (node: EvaluationNode, index: number) => {
    shown.add(node);
    const children = childrenOf(node);
    children.forEach((child) => shown.add(child));
    return (
      <li key={`${node.id}-${index}`} className={`node ${node.color?.toLowerCase() ?? ''}`}>
        <span className="node-name">{node.name}</span>{' '}
        {node.pointsPossible !== undefined && (
          <span className="points">
            {node.pointsEarned ?? 0}/{node.pointsPossible}
          </span>
        )}{' '}
        {node.result && <span className="result">{RESULT_TEXT[node.result] ?? node.result}</span>}
        {node.metricValue !== undefined && (
          <span className="metric">
            {' '}
            ({Number(node.metricValue.toFixed(2))}
            {node.unit ? ` ${node.unit}` : ''})
          </span>
        )}
        {node.reason && <div className="reason">{node.reason}</div>}
        {node.evidence && node.evidence.length > 0 && (
          <ul className="evidence">
            {node.evidence.map((evidence, index) => (
              <li key={index}>
                <button
                  type="button"
                  className="link"
                  data-start={evidence.startTime}
                  onClick={() => onSeek(evidence.startTime)}
                >
                  {formatSeconds(evidence.startTime)} “{evidence.quote ?? '…'}”
                </button>
              </li>
            ))}
          </ul>
        )}
        {children.length > 0 && <ul>{children.map(renderNode)}</ul>}
      </li>
    );
  };
  return <ul className="evaluation">{roots.map(renderNode)}</ul>;
}
