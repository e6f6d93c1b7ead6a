/** Sentiment over the call, -1..1, as a small line chart (a plain SVG: no chart library in the bundle). */
export function SentimentTrend({ trend, label }: { trend: number[]; label: string }) {
  if (trend.length === 0) return <p>No sentiment trend for this call.</p>;
  const width = 240;
  const height = 60;
  const x = (index: number) => (trend.length === 1 ? width / 2 : (index / (trend.length - 1)) * width);
  const y = (value: number) => height / 2 - (Math.max(-1, Math.min(1, value)) * (height - 8)) / 2;
  const points = trend.map((value, index) => `${x(index).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <line x1="0" x2={width} y1={height / 2} y2={height / 2} className="axis" />
      <polyline points={points} className="line" />
      {trend.map((value, index) => (
        <circle key={index} cx={x(index)} cy={y(value)} r="2.5" className="dot">
          <title>{value.toFixed(2)}</title>
        </circle>
      ))}
    </svg>
  );
}

/** Horizontal bars of named counts, each labelled with its value. */
export function Bars({ values, label }: { values: Record<string, number>; label: string }) {
  const entries = Object.entries(values);
  const max = Math.max(1, ...entries.map(([, value]) => value));
  return (
    <figure className="bars" aria-label={label}>
      {entries.map(([name, value]) => (
        <div key={name} className="bar-row">
          <span className="bar-name">{name}</span>
          <span className="bar" style={{ width: `${(value / max) * 100}%` }} aria-hidden="true" />
          <span className="bar-value">{value}</span>
        </div>
      ))}
    </figure>
  );
}
