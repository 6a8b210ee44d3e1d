/** A before/after pair for `npm run bench:fixes` (fixes-cli.ts). */
export interface Fix {
  before: string;
  after: string;
  label: string;
}

/** The fixes of issue 16 so far, each as (its parent, itself). */
export const ISSUE_16_FIXES: Fix[] = [
  { before: 'efec0cf', after: 'e8423b9', label: 'dossier code counter taken last (e8423b9)' },
  { before: '36eb17b', after: '32c9491', label: 'dossier row lock FOR NO KEY UPDATE (32c9491)' },
  { before: 'e8423b9', after: '36eb17b', label: 'calendar cached per process under calendar_revision (36eb17b)' },
  { before: '744261b', after: 'c5e7204', label: "re-arm's calendar stamp cached (c5e7204)" },
  { before: 'cbc0519^', after: 'cbc0519', label: 'one dossier lock per timer firing (cbc0519)' },
  { before: '540eafb^', after: '540eafb', label: 'one outbox relay loop per process (540eafb)' },
  { before: '7789b77^', after: '7789b77', label: 'one read + one write per deadline re-arm (7789b77)' },
  { before: '81a5ef7^', after: '81a5ef7', label: 'step completion reads its clock once (81a5ef7)' },
  { before: 'dc5240f^', after: 'dc5240f', label: 'no agency-queue job for human steps (dc5240f)' },
  {
    before: 'c3ab7ee^',
    after: 'c3ab7ee',
    label: 'event append: one dossier lock, chain-head hint checked by the INSERT (c3ab7ee)',
  },
  { before: 'd14f776^', after: 'd14f776', label: 'published process definitions cached per process (d14f776)' },
  { before: '953a32c^', after: '953a32c', label: 'step_task written once per completion, RETURNING * (953a32c)' },
  { before: 'dc5240f^', after: '953a32c', label: 'step completion + routing: the four above (dc5240f^..953a32c)' },
  { before: 'a79ea23^', after: 'a79ea23', label: 'desk intake: locks, insert, code in one statement each (a79ea23)' },
  { before: '41f9ecd^', after: '41f9ecd', label: 'desk intake: replay, desk and procedure in one read (41f9ecd)' },
  {
    before: 'f8bb76b^',
    after: 'f8bb76b',
    label: 'dossier lock returns the dossier + chain head; routing cursor upsert (f8bb76b)',
  },
  { before: 'HEAD', after: 'HEAD', label: 'control: this commit on both sides (the noise of the machine)' },
];

export function fixesOption(value: string | undefined): Fix[] {
  if (!value) return ISSUE_16_FIXES;
  return value.split(',').map((entry) => {
    const [range, ...label] = entry.split(':');
    const [before, after] = range.includes('..') ? range.split('..') : [`${range}^`, range];
    return { before, after, label: label.join(':') || range };
  });
}
