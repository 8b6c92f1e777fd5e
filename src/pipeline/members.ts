// How much of a very big event an event job reads. Entities, quotes, the summary and the comparison read every
// member's sentences and names; an event of a few thousand reports is read whole in a second or two, but a flood of a
// million near-identical briefs grouped into one event would need gigabytes. Past MAX_EVENT_READ the job reads a sample
// — every outlet's share, spread over its reporting (the rule of src/compare/sample.ts) — while the event still lists
// every member and its dates span all of them. The event says how much was read (`Event.read`).
import type { Article } from '../model.js';
import { factSample } from '../compare/index.js';

/** The most members an event job reads whole. */
export const MAX_EVENT_READ = 2000;

/** What a store knows of a member without reading it: enough to order it and to choose a sample. */
export type MemberRef = Pick<Article, 'id' | 'outlet' | 'published'>;

/** Reading order: by publication (undated last), then id. */
export function byPublication(a: MemberRef, b: MemberRef): number {
  return (a.published ?? '9999').localeCompare(b.published ?? '9999') || a.id.localeCompare(b.id);
}

/** The ids of the members to read whole (all of them up to `max`), given every member. */
export function membersToRead(members: MemberRef[], max = MAX_EVENT_READ): Set<string> {
  if (members.length <= max) return new Set(members.map((m) => m.id));
  const ordered = [...members].sort(byPublication);
  return new Set(factSample(ordered, max).map((i) => ordered[i].id));
}
