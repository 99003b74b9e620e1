import { entityReference, EntityRef } from '@tongxin/common';

/** Organization, owned by the organizations subgraph: this subgraph knows its id and contributes fields. */
export const OrganizationRef = entityReference('Organization');
export type OrganizationRef = EntityRef;
export const organizationRef = (id: string): OrganizationRef => OrganizationRef.of(id);
