/** A search the console answers by id (main looks those up itself): a profile uuid or a worker id. */
export function isIdSearch(search: string): boolean {
  const text = search.trim();
  return (
    /^\d{1,12}$/.test(text) ||
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)
  );
}

/**
 * Why the list has no names or emails (a page came back with both null on every row), naming
 * the token setting behind it (deel-api.md, "Sensitive data"), and what still works.
 */
export function sensitiveDataNote(search: string): string {
  const base =
    'Deel returned these workers without names or emails: the organization token’s “sensitive data” toggles are off (Deel’s magic-links guide suggests switching them off). Turn them on for this token in Deel’s developer center to see names and emails. Search by worker id or profile id still works.';
  return search.trim() && !isIdSearch(search)
    ? `${base} A search by name or email may find nothing while they are hidden.`
    : base;
}

/** What a worker is called on screen: Deel's name, or a plain note when Deel withheld it. */
export function workerDisplayName(name: string): string {
  return name.trim() || 'Name hidden by Deel';
}
