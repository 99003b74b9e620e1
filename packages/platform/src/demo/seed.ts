import { Logger, SeededRandom, systemContext, todayInChina, UuidV7Generator } from '@tongxin/common';
import type { PersonsServices } from '@tongxin/persons';
import { DemoPerson, personDraft } from './persons.demo';

export interface DemoSize {
  readonly persons: number;
}

export interface DemoOptions {
  readonly seed: number;
  readonly size: DemoSize;
  readonly log: Logger;
  /** Rows per bulk call (each is one transaction). */
  readonly chunk?: number;
  /** The "today" of the generated city, so the same seed gives the same data on any day. */
  readonly today?: string;
}

export interface DemoSummary {
  persons: number;
}

export const DEFAULT_DEMO_SIZE: DemoSize = { persons: 3000 };

/** Ids sort by time; the demo city's clock starts at a fixed instant so that ids repeat per seed. */
const DEMO_EPOCH = Date.UTC(2024, 0, 1);

/**
 * Fills all four subgraphs through their own services with a deterministic city: the same
 * seed and size always give the same rows, ids included.
 */
export async function seedDemoData(services: Readonly<Record<string, unknown>>, opts: DemoOptions): Promise<DemoSummary> {
  const rng = new SeededRandom(opts.seed);
  const ctx = systemContext({ log: opts.log, ids: new UuidV7Generator(() => DEMO_EPOCH, (n) => rng.bytes(n)) });
  const chunk = opts.chunk ?? 5000;
  const today = opts.today ?? todayInChina();
  const persons = services.persons as PersonsServices;

  const people: DemoPerson[] = [];
  const used = new Set<string>();
  for (let start = 0; start < opts.size.persons; start += chunk) {
    const drafts = Array.from({ length: Math.min(chunk, opts.size.persons - start) }, () => personDraft(rng, used, today));
    const ids = await persons.persons.registerMany(ctx, drafts);
    ids.forEach((id, i) => {
      const d = drafts[i]!;
      people.push({
        id,
        districtCode: d.districtCode as string,
        streetCode: (d.streetCode as string | null) ?? null,
        community: (d.community as string | null) ?? null,
        category: d.category as DemoPerson['category'],
        profession: (d.profession as string | null) ?? null,
      });
    });
    opts.log.info({ persons: people.length }, 'demo persons');
  }
  return { persons: people.length };
}
