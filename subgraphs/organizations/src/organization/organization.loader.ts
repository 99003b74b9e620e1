import { groupLoader, RequestContext, rowLoader } from '@tongxin/common';
import type DataLoader from 'dataloader';
import { OrganizationEntity } from './organization.entity';
import type { OrganizationService } from './organization.service';

export interface OrganizationLoaders {
  readonly organizationById: DataLoader<string, OrganizationEntity | null>;
  /** The organizations whose parent is the key, in creation order. */
  readonly organizationsByParent: DataLoader<string, OrganizationEntity[]>;
}

export function createOrganizationLoaders(organizations: OrganizationService, ctx: RequestContext<unknown>): OrganizationLoaders {
  return {
    organizationById: rowLoader((ids) => organizations.findByIds(ctx, ids), (o) => o.id),
    organizationsByParent: groupLoader((ids) => organizations.findByParentIds(ctx, ids), (o) => o.parentId!),
  };
}
