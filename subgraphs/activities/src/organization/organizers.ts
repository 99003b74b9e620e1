import { chunksOf, Peers, RequestContext } from '@tongxin/common';

/** An organization as the organizations subgraph describes it to the caller (`organizationScopes`). */
export interface OrganizerScope {
  readonly id: string;
  /** The district that holds it: 330300 for city-level bodies. */
  readonly districtCode: string;
  readonly level: string;
  /** May the caller act for it (docs/SECURITY.md): decided by the organizations subgraph, which owns organizations. */
  readonly manageable: boolean;
}

/** How many organization ids one question to the organizations subgraph carries (its limit). */
const ORGANIZER_CHECK_CHUNK = 1000;

const QUERY = 'query($ids: [ID!]!) { organizationScopes(ids: $ids) { id districtCode level manageable } }';

/**
 * Asks the organizations subgraph about the organizations an activity names as organizer, with
 * the caller's own token (`Peers`): this subgraph never reads that subgraph's tables. One
 * question per 1000 ids; ids it does not know are absent from the answer.
 */
export class Organizers {
  constructor(private readonly peers: Peers) {}

  async scopes(ctx: RequestContext<unknown>, ids: readonly string[]): Promise<Map<string, OrganizerScope>> {
    const found = new Map<string, OrganizerScope>();
    for (const chunk of chunksOf([...new Set(ids)], ORGANIZER_CHECK_CHUNK)) {
      const data = await this.peers.query<{ organizationScopes: OrganizerScope[] }>(ctx, 'organizations', QUERY, { ids: chunk });
      for (const o of data.organizationScopes) found.set(o.id, o);
    }
    return found;
  }
}
