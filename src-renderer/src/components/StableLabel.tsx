/**
 * A button label that keeps the width of its widest wording, so a label that changes (Reveal /
 * Revealed once) never moves the buttons after it under the pointer. The other wordings take
 * space but are invisible and not part of the accessible name.
 */
export function StableLabel({ text, others }: { text: string; others: readonly string[] }) {
  return (
    <span className="stable-label">
      <span>{text}</span>
      {others
        .filter((other) => other !== text)
        .map((other) => (
          <span key={other} className="stable-label-ghost" aria-hidden="true">
            {other}
          </span>
        ))}
    </span>
  );
}
