export type { MeetingDraft } from './meeting/meeting.validation';
export type { OrganizationDraft } from './organization/organization.validation';
export type { MembershipDraft } from './membership/membership.validation';
export * from './services';
export * from './subgraph';
