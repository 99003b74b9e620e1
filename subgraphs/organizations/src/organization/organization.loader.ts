import { groupLoader, loaderMaxBatchSize, RequestContext, rowLoader } from '@tongxin/common';
import DataLoader from 'dataloader';
import { OrganizationEntity } from './organization.entity';
import type { OrganizationService } from './organization.service';
import type { Organization } from './organization.type';

export interface OrganizationLoaders {
  readonly organizationById: DataLoader<string, OrganizationEntity | null>;
  /** The organizations whose parent is the key, in creation order. */
  readonly organizationsByParent: DataLoader<string, OrganizationEntity[]>;
  /** Member units' contact phones, whole or masked by role; the whole reads of a batch are one audit write. */
  readonly contactPhones: DataLoader<Organization, string | null, string>;
}

export function createOrganizationLoaders(organizations: OrganizationService, ctx: RequestContext<unknown>): OrganizationLoaders {
  return {
    organizationById: rowLoader(
      (ids) => organizations.findByIds(ctx, ids),
      (o) => o.id,
    ),
    organizationsByParent: groupLoader(
      (ids) => organizations.findByParentIds(ctx, ids),
      (o) => o.parentId!,
    ),
    contactPhones: new DataLoader((units: readonly Organization[]) => organizations.contactPhones(ctx, units), {
      cacheKeyFn: (o) => o.id,
      maxBatchSize: loaderMaxBatchSize(),
    }),
  };
}
