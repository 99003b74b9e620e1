import { entityReference, EntityRef } from '@tongxin/common';

/** Person, owned by the persons subgraph: this subgraph knows its id and contributes fields. */
export const PersonRef = entityReference('Person');
export type PersonRef = EntityRef;
export const personRef = (id: string): PersonRef => PersonRef.of(id);
