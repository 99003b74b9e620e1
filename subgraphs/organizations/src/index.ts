export type { MeetingDraft } from './meeting/meeting.validation';
export type { OrganizationDraft } from './organization/organization.validation';
export type { MembershipDraft } from './membership/membership.validation';
export * from './services';
export * from './subgraph';
export { SEALED_CONTACT_PHONE } from './organization/organization.entity';
