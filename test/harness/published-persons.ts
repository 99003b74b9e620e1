import { randomIds, systemContext } from '@tongxin/common';
import type { OrganizationsServices } from '@tongxin/organizations';

/**
 * Persons of the register as the organizations subgraph knows them (its replica, docs/CROSS-DISTRICT.md):
 * it takes memberships only of persons the persons subgraph has published. A subgraph tested on
 * its own has no persons subgraph, so its tests publish persons themselves, as the persons
 * subgraph's outbox would (the system may call applyPersonDistricts).
 */
export async function publishPersons(services: OrganizationsServices, personIds: readonly string[], districtCode: string | null = '330302', version = 1): Promise<void> {
  for (let i = 0; i < personIds.length; i += 1000) {
    await services.relations.applyPersonDistricts(
      systemContext(),
      personIds.slice(i, i + 1000).map((personId) => ({ personId, districtCode, version })),
    );
  }
}

/** Publishes a person as archived: registered nowhere (a null district), at a newer version. */
export function publishArchived(services: OrganizationsServices, personId: string, version = 2): Promise<void> {
  return publishPersons(services, [personId], null, version);
}

/**
 * `count` new persons published as registered in `districtCode`, handed out one by one by the
 * function returned (synchronous, for the places that need an id at once); it throws when they
 * are used up.
 */
export async function publishedPersonPool(services: OrganizationsServices, count: number, districtCode = '330302'): Promise<() => string> {
  const ids = Array.from({ length: count }, () => randomIds.next());
  await publishPersons(services, ids, districtCode);
  let next = 0;
  return () => {
    if (next >= ids.length) throw new Error(`the test used more than the ${count} published persons it made`);
    return ids[next++]!;
  };
}
